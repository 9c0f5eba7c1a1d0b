namespace Certify.Domain.Programs;

/// <summary>The questionnaire version a program assesses with.</summary>
public sealed record QuestionnaireReference(string Program, string Version);
