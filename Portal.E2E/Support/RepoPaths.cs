namespace Portal.E2E.Support;

/// <summary>Folders of the repository the tests run from (found by walking up to DeveloperPortal.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where screenshots are written: artifacts/screenshots (git-ignored).</summary>
    public static string Screenshots { get; } = Path.Combine(Root, "artifacts", "screenshots");

    /// <summary>The npm project holding the OpenID provider used by the sign-in tests.</summary>
    public static string OidcProvider { get; } = Path.Combine(Root, "Portal.E2E", "oidc");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeveloperPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"DeveloperPortal.sln not found above {AppContext.BaseDirectory}.");
    }
}
