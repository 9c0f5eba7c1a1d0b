using System.Text.Json;

namespace Certify.Web.Components.Shared;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    Bar,

    /// <summary>Bars along the horizontal axis: for long labels such as question texts.</summary>
    HorizontalBar,

    /// <summary>One bar per label with the series stacked on it.</summary>
    StackedBar,

    Line,
    Doughnut,
}

/// <summary>One named row of values, one value per label (null where there is none).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>
/// What a chart shows, handed to Chart.js as JSON in the canvas's data-chart attribute (wwwroot/js/charts.js draws it)
/// and shown again as a table for screen readers and for anyone who wants the numbers.
/// </summary>
public sealed record ChartData(ChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string Unit = "")
{
    /// <summary>
    /// Longer labels for the table and the tooltips when the axis shows short ones (a question's code on the axis,
    /// code and text in the table); one per label.
    /// </summary>
    public IReadOnlyList<string>? LongLabels { get; init; }

    /// <summary>The label the table shows for row <paramref name="index"/>.</summary>
    public string TableLabel(int index) => LongLabels is { } longer && index < longer.Count ? longer[index] : Labels[index];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Nothing to draw: no labels, or no value at all (a zero is a value: a 0 % pass rate is a finding).</summary>
    public bool IsEmpty => Labels.Count == 0 || Series.All(s => s.Values.All(v => v is null));

    /// <summary>The spec charts.js reads: kind, labels (and long labels for tooltips), series and the unit appended to values.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            Kind = Kind.ToString(),
            Labels,
            LongLabels,
            Series = Series.Select(s => new { s.Name, s.Values }),
            Unit,
        },
        Json);
}
