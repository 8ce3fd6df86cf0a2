namespace Portal.Api;

/// <summary>"tokens create|list|revoke": API tokens for scripts and operators without a browser.</summary>
internal static class TokensCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine("tokens: not implemented yet");
        return Task.FromResult(2);
    }
}
