namespace Certify.Web.Resources;

/// <summary>Marker type for the Assessments string resources (self-assessment list, questionnaire, score, summary).</summary>
public sealed class Assessments;
