namespace Certify.Domain.Questionnaires;

/// <summary>
/// Why a definition file was refused: the file, where in it (a JSONPath such as <c>$.sections[0].questions[2].code</c>)
/// and why, in English.
/// </summary>
public sealed record LoadError(string FileName, string JsonPath, string Reason)
{
    public override string ToString() => $"{FileName} {JsonPath}: {Reason}";
}
