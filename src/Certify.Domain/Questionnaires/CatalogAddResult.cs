namespace Certify.Domain.Questionnaires;

/// <summary>
/// Outcome of <see cref="QuestionnaireCatalog.Add"/>. <see cref="Served"/> is the definition the catalog serves for
/// that program version afterwards (the earlier one on a conflict). <see cref="Reason"/> explains a conflict.
/// </summary>
public sealed record CatalogAddResult(CatalogAddStatus Status, QuestionnaireDefinition Served, string? Reason)
{
    public bool IsConflict => Status == CatalogAddStatus.Conflict;
}
