using Portal.Auth;
using Portal.Data;
using Portal.Data.Sites;

namespace Portal.Hosting;

/// <summary>What the development personas start with, so that a newcomer can install an integration at once.</summary>
internal static class DevelopmentData
{
    public const string DemoTenantUserId = "dev-hillside";

    public static IReadOnlyList<string> DemoTenantSites { get; } = ["North farrowing unit", "South finishing barn"];

    /// <summary>
    /// When the development personas are offered (Development, no OpenID Connect provider), gives the demo tenant its
    /// two farm sites the first time. A tenant who signs in through OpenID Connect starts with none.
    /// </summary>
    public static async Task SeedDevelopmentPersonasAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || app.Services.GetRequiredService<SignInMode>().UsesOidc)
        {
            return;
        }

        var persona = DevelopmentPersonas.Find(DemoTenantUserId)
            ?? throw new InvalidOperationException($"The development persona {DemoTenantUserId} is missing.");
        await app.Services.GetRequiredService<SiteService>()
            .EnsureTenantAsync(Actor.Tenant(persona.UserId, persona.Name), DemoTenantSites);
    }
}
