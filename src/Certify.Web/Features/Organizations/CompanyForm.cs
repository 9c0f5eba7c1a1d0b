using System.Text.RegularExpressions;
using Certify.Data.Entities;
using Certify.Domain.Companies;

namespace Certify.Web.Features.Organizations;

/// <summary>A problem with one field: the field's name, a resource key and its arguments.</summary>
public sealed record FieldError(string Field, string Key, params object[] Args);

/// <summary>What a person types to register or edit a company. Strings so that bad input is reported, not lost.</summary>
public sealed partial class CompanyForm
{
    public const int NameMaxLength = 200;
    public const int MunicipalityMaxLength = 120;

    public string LegalName { get; set; } = "";
    public string? TradeName { get; set; }
    public string Rfc { get; set; } = "";
    public MexicanState? State { get; set; }
    public string Municipality { get; set; } = "";
    public int? Workers { get; set; }
    public AutoPartsTier? Tier { get; set; }
    public string? ImssEmployerRegistration { get; set; }
    public string? RepseFolio { get; set; }

    /// <summary>The version the person saw when editing; a different stored version means someone else saved first.</summary>
    public Guid? Version { get; set; }

    public static CompanyForm From(Company company) => new()
    {
        LegalName = company.LegalName,
        TradeName = company.TradeName,
        Rfc = company.Rfc,
        State = company.State,
        Municipality = company.Municipality,
        Workers = company.Workers,
        Tier = company.Tier,
        ImssEmployerRegistration = company.ImssEmployerRegistration,
        RepseFolio = company.RepseFolio,
        Version = company.Version,
    };

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        Required(errors, nameof(LegalName), LegalName, NameMaxLength);
        if (TradeName is { Length: > NameMaxLength })
        {
            errors.Add(new FieldError(nameof(TradeName), "FieldTooLong", NameMaxLength));
        }

        var rfc = Domain.Companies.Rfc.Validate(Rfc);
        if (!rfc.IsValid)
        {
            errors.Add(new FieldError(nameof(Rfc), "Rfc" + rfc.Error, rfc.Normalized));
        }

        if (State is null || !Enum.IsDefined(State.Value))
        {
            errors.Add(new FieldError(nameof(State), "FieldRequired"));
        }

        Required(errors, nameof(Municipality), Municipality, MunicipalityMaxLength);
        if (Workers is null)
        {
            errors.Add(new FieldError(nameof(Workers), "FieldRequired"));
        }
        else if (Workers < CompanySizes.MinWorkers || Workers > CompanySizes.MaxWorkers)
        {
            errors.Add(new FieldError(nameof(Workers), "WorkersRange", CompanySizes.MinWorkers, CompanySizes.MaxWorkers));
        }

        if (Tier is null || !Enum.IsDefined(Tier.Value))
        {
            errors.Add(new FieldError(nameof(Tier), "FieldRequired"));
        }

        if (!string.IsNullOrWhiteSpace(ImssEmployerRegistration) && !ImssPattern().IsMatch(Normalize(ImssEmployerRegistration)))
        {
            errors.Add(new FieldError(nameof(ImssEmployerRegistration), "ImssFormat"));
        }

        if (!string.IsNullOrWhiteSpace(RepseFolio) && !RepsePattern().IsMatch(RepseFolio.Trim()))
        {
            errors.Add(new FieldError(nameof(RepseFolio), "RepseFormat"));
        }

        return errors;
    }

    /// <summary>Copies the (validated) form onto the entity; returns the fields whose value changed.</summary>
    public Dictionary<string, object?[]> ApplyTo(Company company)
    {
        var changes = new Dictionary<string, object?[]>();
        Set(changes, nameof(Company.LegalName), company.LegalName, LegalName.Trim(), v => company.LegalName = v);
        Set(changes, nameof(Company.TradeName), company.TradeName, Blank(TradeName), v => company.TradeName = v);
        Set(changes, nameof(Company.Rfc), company.Rfc, Domain.Companies.Rfc.Validate(Rfc).Normalized, v => company.Rfc = v);
        Set(changes, nameof(Company.State), company.State, State!.Value, v => company.State = v);
        Set(changes, nameof(Company.Municipality), company.Municipality, Municipality.Trim(), v => company.Municipality = v);
        Set(changes, nameof(Company.Workers), company.Workers, Workers!.Value, v => company.Workers = v);
        Set(changes, nameof(Company.Tier), company.Tier, Tier!.Value, v => company.Tier = v);
        Set(changes, nameof(Company.ImssEmployerRegistration), company.ImssEmployerRegistration,
            Blank(ImssEmployerRegistration) is { } imss ? Normalize(imss) : null, v => company.ImssEmployerRegistration = v);
        Set(changes, nameof(Company.RepseFolio), company.RepseFolio, Blank(RepseFolio), v => company.RepseFolio = v);
        return changes;
    }

    private static void Set<T>(Dictionary<string, object?[]> changes, string name, T before, T after, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            changes[name] = [before, after];
            assign(after);
        }
    }

    private static void Required(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "FieldRequired"));
        }
        else if (value.Trim().Length > maxLength)
        {
            errors.Add(new FieldError(field, "FieldTooLong", maxLength));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Normalize(string value) => value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    // IMSS employer registration: a letter or digit followed by ten digits (e.g. Y5412345104).
    [GeneratedRegex("^[A-Z0-9][0-9]{10}$")]
    private static partial Regex ImssPattern();

    // REPSE folios are numeric, issued by STPS; accept digits with optional separators.
    [GeneratedRegex("^[0-9][0-9/ -]{3,38}$")]
    private static partial Regex RepsePattern();
}
