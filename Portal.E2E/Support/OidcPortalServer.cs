namespace Portal.E2E.Support;

/// <summary>The portal signing people in through a real OpenID provider on loopback (no development personas).</summary>
public sealed class OidcPortalServer : PortalServer
{
    public const string ClientId = "portal";
    public const string ClientSecret = "portal-e2e-secret";

    private OidcProviderProcess? _provider;

    public OidcProviderProcess Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    public override async Task InitializeAsync()
    {
        // The provider registers the portal's redirect URIs, so the portal's port is chosen first.
        ListenPort = OidcProviderProcess.FreePort();
        _provider = await OidcProviderProcess.StartAsync($"http://127.0.0.1:{ListenPort}");
        await base.InitializeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Authentication:Oidc:Authority", Provider.Issuer),
        new("Authentication:Oidc:ClientId", ClientId),
        new("Authentication:Oidc:ClientSecret", ClientSecret),
        new("Authentication:Oidc:RoleClaim", "role"),
        new("Authentication:Oidc:IntegratorRoleValue", "integrator"),
        new("Authentication:Oidc:TenantRoleValue", "tenant"),
        new("Authentication:Oidc:RequireHttpsMetadata", "false"),
    ];

    protected override async Task StopAsync()
    {
        await base.StopAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
