namespace AgentLedger.Server.Features.Dashboard.Components.Pages;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
