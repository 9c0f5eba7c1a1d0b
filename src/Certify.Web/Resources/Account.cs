namespace Certify.Web.Resources;

/// <summary>Marker type for the Account string resources (Spanish neutral, English in Account.en.resx).</summary>
public sealed class Account;
