using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Certify.Web.Features.Reports;

/// <summary>A piece of text in one font and colour; a paragraph is a list of runs.</summary>
internal sealed record TextRun(string Text, XFont Font, XColor Color);

/// <summary>
/// Flows text down A4 pages: measures every word with <see cref="XGraphics.MeasureString(string, XFont)"/>, wraps at
/// spaces (a word wider than the column is cut between characters), and starts a new page when the next line would
/// cross the bottom margin, so no text leaves the printable area. One instance draws one document; dispose it
/// before saving.
/// </summary>
internal sealed class PdfFlow(PdfDocument document, double margin, double bottomMargin) : IDisposable
{
    private XGraphics? _gfx;

    /// <summary>The pages in order, for the page numbers drawn after the last one exists.</summary>
    public List<PdfPage> Pages { get; } = [];

    /// <summary>Where the next line starts (points from the top of the current page).</summary>
    public double Y { get; set; }

    public double Left => margin;

    public double Width => PageWidth - 2 * margin;

    public static double PageWidth => XUnit.FromMillimeter(210).Point;

    public static double PageHeight => XUnit.FromMillimeter(297).Point;

    private double Bottom => PageHeight - bottomMargin;

    /// <summary>The graphics of the current page, opening the first page on first use.</summary>
    public XGraphics Graphics => _gfx ?? NewPage();

    public XGraphics NewPage()
    {
        _gfx?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        Pages.Add(page);
        _gfx = XGraphics.FromPdfPage(page);
        Y = margin;
        return _gfx;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits above the bottom margin.</summary>
    public void KeepTogether(double height)
    {
        if (_gfx is null || Y + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>The height <paramref name="runs"/> take when wrapped to <paramref name="width"/>.</summary>
    public double Measure(IReadOnlyList<TextRun> runs, double width) => Layout(runs, width).Sum(l => l.Height);

    /// <summary>
    /// Draws <paramref name="runs"/> wrapped to <paramref name="width"/> (by default the rest of the column) from
    /// <paramref name="indent"/>, flowing onto new pages.
    /// </summary>
    public void Paragraph(IReadOnlyList<TextRun> runs, double indent = 0, double spaceAfter = 0, double? width = null)
    {
        foreach (var line in Layout(runs, width ?? Width - indent))
        {
            KeepTogether(line.Height);
            // One baseline for the line whatever its font sizes (DejaVu's ascent is about 80% of its line height).
            var baseline = Y + line.Height * 0.8;
            foreach (var segment in line.Segments)
            {
                Graphics.DrawString(segment.Text, segment.Run.Font, new XSolidBrush(segment.Run.Color), Left + indent + segment.X, baseline, XStringFormats.BaseLineLeft);
            }

            Y += line.Height;
        }

        Y += spaceAfter;
    }

    public void Paragraph(string text, XFont font, XColor color, double indent = 0, double spaceAfter = 0) =>
        Paragraph([new TextRun(text, font, color)], indent, spaceAfter);

    /// <summary>Draws a line across the column at the current position.</summary>
    public void Rule(XColor color, double spaceAfter)
    {
        KeepTogether(spaceAfter);
        Graphics.DrawLine(new XPen(color, 0.5), Left, Y, Left + Width, Y);
        Y += spaceAfter;
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _gfx = null;
    }

    /// <summary>Splits the runs into lines no wider than <paramref name="width"/>; a new-line character starts a new line.</summary>
    private List<Line> Layout(IReadOnlyList<TextRun> runs, double width)
    {
        var gfx = Graphics;
        var lines = new List<Line>();
        var current = new Line();
        foreach (var run in runs)
        {
            var paragraphs = run.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var p = 0; p < paragraphs.Length; p++)
            {
                if (p > 0)
                {
                    lines.Add(current.Close(run.Font));
                    current = new Line();
                }

                foreach (var word in paragraphs[p].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    foreach (var piece in Pieces(gfx, word, run.Font, width))
                    {
                        if (!current.TryAppend(gfx, run, piece, width))
                        {
                            lines.Add(current.Close(run.Font));
                            current = new Line();
                            current.TryAppend(gfx, run, piece, width);
                        }
                    }
                }
            }
        }

        if (current.Segments.Count > 0 || lines.Count == 0)
        {
            lines.Add(current.Close(runs.Count > 0 ? runs[^1].Font : null));
        }

        return lines;
    }

    /// <summary>The word itself, or pieces of it that each fit <paramref name="width"/> when the whole word does not.</summary>
    private static IEnumerable<string> Pieces(XGraphics gfx, string word, XFont font, double width)
    {
        if (gfx.MeasureString(word, font).Width <= width)
        {
            yield return word;
            yield break;
        }

        var piece = new StringBuilder();
        foreach (var c in word)
        {
            if (piece.Length > 0 && gfx.MeasureString(piece.ToString() + c, font).Width > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(c);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private sealed record Segment(TextRun Run, string Text, double X);

    private sealed class Line
    {
        public List<Segment> Segments { get; } = [];

        public double Height { get; private set; }

        private double _right;

        /// <summary>Adds the word after a space (none at the start of a line); false when it would not fit.</summary>
        public bool TryAppend(XGraphics gfx, TextRun run, string word, double width)
        {
            var last = Segments.Count > 0 ? Segments[^1] : null;
            if (last is not null && ReferenceEquals(last.Run, run))
            {
                // Words of the same run share one string, so a text extractor reads them as written.
                var joined = last.Text + " " + word;
                var right = last.X + gfx.MeasureString(joined, run.Font).Width;
                if (right > width)
                {
                    return false;
                }

                Segments[^1] = last with { Text = joined };
                _right = right;
                return true;
            }

            var x = last is null ? 0 : _right + gfx.MeasureString(" ", run.Font).Width;
            var end = x + gfx.MeasureString(word, run.Font).Width;
            if (last is not null && end > width)
            {
                return false;
            }

            Segments.Add(new Segment(run, word, x));
            _right = end;
            return true;
        }

        /// <summary>Fixes the line's height from its tallest font (<paramref name="fallback"/> for an empty line).</summary>
        public Line Close(XFont? fallback)
        {
            Height = Segments.Count > 0 ? Segments.Max(s => s.Run.Font.GetHeight()) : fallback?.GetHeight() ?? 0;
            return this;
        }
    }
}
