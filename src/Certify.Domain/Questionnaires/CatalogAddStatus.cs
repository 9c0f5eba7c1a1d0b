namespace Certify.Domain.Questionnaires;

public enum CatalogAddStatus
{
    /// <summary>A new program version; it is now served.</summary>
    Added,

    /// <summary>The same program version with the same content was already there; nothing changed.</summary>
    AlreadyLoaded,

    /// <summary>The program version was already there with other content; refused, the earlier one is still served.</summary>
    Conflict,
}
