using Portal.Api;
using Portal.Auth;
using Portal.Cli;
using Portal.Components;
using Portal.Data;
using Portal.Hosting;

// "dotnet run --project Portal -- tokens ..." (or "backup <file>") runs an operator command, then exits.
if (PortalCommandLine.IsCommand(args))
{
    return await PortalCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalRequestLimits();
builder.AddPortalData();
builder.AddPortalHealth();
builder.AddPortalHosting();
builder.AddPortalAuthentication();
builder.AddPortalApi();
builder.AddPortalUi();

var app = builder.Build();
await app.Services.GetRequiredService<PortalDatabase>().MigrateAsync();
await app.SeedDevelopmentPersonasAsync();

app.UsePortalHosting();
app.UsePortalRequestIds();
app.UsePortalReadPins();
app.UsePortalErrorHandling();
app.UsePortalSecurityHeaders();
app.UseCircuitOriginGuard();
app.MapStaticAssets();
app.UseRouting();
app.UsePortalAuthentication();
app.UseAuthorization();
app.UsePortalRateLimits();
app.UseAntiforgery();
app.MapPortalHealth();
app.MapPortalApi();
app.MapPortalUi();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
