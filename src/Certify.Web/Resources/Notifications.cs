namespace Certify.Web.Resources;

/// <summary>Marker type for the Notifications string resources (the bell and the notifications page).</summary>
public sealed class Notifications;
