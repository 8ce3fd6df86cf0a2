using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Auth;
using Portal.Data;

namespace Portal.Components.Shared;

/// <summary>A page that acts for the signed-in user: it reads the actor once from the cascading authentication state.</summary>
public abstract class SignedInPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private Actor? _actor;

    /// <summary>A tenant opening an integrator page sees the "Not allowed" page instead.</summary>
    protected bool IsTenant => _actor?.Role == ActorRole.Tenant;

    /// <summary>The signed-in user's id once read (null before): what a live page compares an event's owner with.</summary>
    protected string? SignedInUserId => _actor?.UserId;

    /// <summary>Whether an event concerns what this user owns (never another integrator's integration, whatever the URL says).</summary>
    protected bool IsOwn(Portal.Data.Events.EventData e) => e.OwnerId is not null && e.OwnerId == SignedInUserId;

    protected async Task<Actor> GetActorAsync()
    {
        if (_actor is null)
        {
            var state = AuthenticationState is null
                ? throw new InvalidOperationException("No authentication state; is the page inside CascadingAuthenticationState?")
                : await AuthenticationState;
            _actor = state.User.ToActor();
        }

        return _actor;
    }
}
