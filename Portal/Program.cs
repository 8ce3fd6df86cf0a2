using Portal.Api;
using Portal.Auth;
using Portal.Components;
using Portal.Data;
using Portal.Hosting;

// "dotnet run --project Portal -- tokens ..." manages API tokens without a browser, then exits.
if (args is ["tokens", ..])
{
    return await TokensCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalData();
builder.AddPortalAuthentication();
builder.AddPortalApi();
builder.AddPortalUi();

var app = builder.Build();
await app.Services.GetRequiredService<PortalDatabase>().MigrateAsync();
await app.SeedDevelopmentPersonasAsync();

app.UsePortalRequestIds();
app.UsePortalErrorHandling();
app.UsePortalSecurityHeaders();
app.MapStaticAssets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapPortalApi();
app.MapPortalUi();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
