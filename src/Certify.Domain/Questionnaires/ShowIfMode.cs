namespace Certify.Domain.Questionnaires;

/// <summary>Whether any or all conditions of a <see cref="ShowIf"/> must hold.</summary>
public enum ShowIfMode
{
    Any,
    All,
}
