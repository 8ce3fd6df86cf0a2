namespace Portal.E2E.Pages;

/// <summary>The development sign-in's demo personas (UI-CONTRACT.md).</summary>
public sealed record Persona(string UserId, string Name, bool IsTenant)
{
    public static readonly Persona Acme = new("dev-acme", "Acme Farms Software", IsTenant: false);
    public static readonly Persona Globex = new("dev-globex", "Globex Agritech", IsTenant: false);
    public static readonly Persona Hillside = new("dev-hillside", "Hillside Pig Farm", IsTenant: true);

    public string SignInButton => $"Sign in as {Name}";
}
