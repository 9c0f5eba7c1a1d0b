using System.Globalization;
using Certify.Domain.Distinctives;

namespace Certify.Web.Features.Distinctives;

/// <summary>
/// The live status badge a company shows on its own website (<c>&lt;img src="…/badge/{code}.svg"&gt;</c>): two
/// parts, "Distintivo" and the status in its colour. Plain SVG with system fonts, no script.
/// </summary>
public static class BadgeSvg
{
    public const string MediaType = "image/svg+xml";

    /// <summary>The badge for <paramref name="status"/>; null renders "no encontrado" / "not found" in grey.</summary>
    public static string Render(DistinctiveStatus? status, bool english)
    {
        var label = english ? "Distinctive" : "Distintivo";
        var (text, colour) = status switch
        {
            DistinctiveStatus.Active => (english ? "active" : "vigente", "#198754"),
            DistinctiveStatus.Expired => (english ? "expired" : "vencido", "#6c757d"),
            DistinctiveStatus.Suspended => (english ? "suspended" : "suspendido", "#fd7e14"),
            DistinctiveStatus.Revoked => (english ? "revoked" : "revocado", "#dc3545"),
            DistinctiveStatus.NotYetValid => (english ? "not yet valid" : "aún no vigente", "#0d6efd"),
            _ => (english ? "not found" : "no encontrado", "#6c757d"),
        };

        // About 7 px per character at 11 px, plus padding; the text is ours, so no escaping is needed.
        var left = 10 + (label.Length * 7);
        var right = 10 + (text.Length * 7);
        var width = left + right;
        string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{N(width)}" height="20" role="img" aria-label="{label}: {text}">
              <title>{label}: {text}</title>
              <rect width="{N(left)}" height="20" rx="3" fill="#343a40"/>
              <rect x="{N(left)}" width="{N(right)}" height="20" rx="3" fill="{colour}"/>
              <rect x="{N(left)}" width="4" height="20" fill="{colour}"/>
              <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
                <text x="{N(left / 2)}" y="14">{label}</text>
                <text x="{N(left + (right / 2))}" y="14">{text}</text>
              </g>
            </svg>
            """;
    }
}
