using System.Globalization;
using Certify.Domain.Companies;
using Certify.Domain.Risk;
using Certify.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Certify.Web.Features.Risk;

/// <summary>The model's factors in words, in the request's language: names, meanings and one company's reasons.</summary>
public sealed class RiskText(IStringLocalizer<Resources.Risk> text)
{
    public string Name(RiskFactor factor) => text[$"Factor_{factor}"];

    public string Meaning(RiskFactor factor) => text[$"Meaning_{factor}"];

    public string Band(RiskBand band) => text[$"Band_{band}"];

    public string Kind(RiskModelKind kind) => text[$"Kind_{kind}"];

    public string Size(CompanySize size) => text[$"Size_{size}"];

    /// <summary>Why <paramref name="contribution"/> raises this company's score, with its figures.</summary>
    public string Reason(RiskContribution contribution, RiskFacts facts, DateTimeOffset asOf, IReadOnlyDictionary<string, int> openMajorByTopic)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(openMajorByTopic);
        return contribution.Factor switch
        {
            RiskFactor.OpenMajorFindings when openMajorByTopic.Count > 0 => Count("Reason_OpenMajorFindingsIn", facts.OpenMajorFindings,
                string.Join(", ", openMajorByTopic.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key))),
            RiskFactor.OverClaim => text[RiskFeatures.OverClaimPoints(facts) == 1 ? "Reason_OverClaimOne" : "Reason_OverClaim",
                RiskFeatures.OverClaimPoints(facts).ToString("0.#", CultureInfo.CurrentCulture)],
            RiskFactor.YearsSinceReview when facts.LastDecidedAt is { } decided =>
                Count("Reason_MonthsSinceReview", (long)Math.Floor((asOf - decided).TotalDays / 30.44)),
            RiskFactor.YearsSinceReview => text["Reason_NeverReviewed"],
            RiskFactor.DistinctiveLapsed => text[$"Reason_Distinctive{RiskFeatures.DistinctiveStatus(facts, asOf)}"],
            RiskFactor.ExpiresSoon => Count("Reason_ExpiresSoon", RiskFeatures.DaysToExpiry(facts, asOf) ?? 0),
            RiskFactor.Size => text["Reason_Size", Size(CompanySizes.FromWorkers(Math.Clamp(facts.Workers, CompanySizes.MinWorkers, CompanySizes.MaxWorkers)))],
            RiskFactor.Tier => text["Reason_Tier", (int)facts.Tier + 1],
            _ => Count($"Reason_{contribution.Factor}", (long)Math.Round(contribution.Value)),
        };
    }

    private string Count(string key, long count, params object[] more) =>
        text[Plural.Key(key, count), [count, .. more]];
}
