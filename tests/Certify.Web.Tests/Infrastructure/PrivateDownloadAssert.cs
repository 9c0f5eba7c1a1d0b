namespace Certify.Web.Tests.Infrastructure;

/// <summary>A private download may be kept by no cache at all: <c>Cache-Control: private, no-store</c>.</summary>
public static class PrivateDownloadAssert
{
    public static void NotStored(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Private, $"Cache-Control is '{cacheControl}', not private.");
        Assert.True(cacheControl.NoStore, $"Cache-Control is '{cacheControl}', not no-store.");
    }
}
