using Certify.Domain.Companies;
using Certify.Web.Components.Shared;

namespace Certify.Web.Features.Dashboards;

/// <summary>Active distinctives by state and level as a stacked bar chart: one bar per state, one series per level.</summary>
public static class StateLevelChart
{
    public static ChartData For(IReadOnlyList<StateLevelCount> counts, Func<string, string> levelName)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(levelName);
        var states = counts.Select(x => x.State).Distinct().Order().ToList();
        var levels = counts.Select(x => x.Level).Distinct().Order(StringComparer.Ordinal).ToList();
        return new ChartData(
            ChartKind.StackedBar,
            states.Select(MexicanStates.DisplayName).ToList(),
            levels.Select(level => new ChartSeries(
                levelName(level),
                states.Select(s => (decimal?)counts.Where(x => x.State == s && x.Level == level).Sum(x => x.Count)).ToList())).ToList());
    }
}
