using System.Security.Claims;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentLedger.Server.Features.Dashboard.Components.Shared;

/// <summary>A page for a signed-in account: its principal, its workspace, and its identity for audited actions.</summary>
public abstract class SignedInPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The browser, for the request metadata of audited reads.</summary>
    [CascadingParameter]
    private DashboardClient Client { get; set; } = DashboardClient.Unknown;

    protected string WorkspaceId { get; private set; } = "";

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The signed-in account as the audit log names it.</summary>
    protected AuditCaller Caller => new(User, Client.Ip, Client.UserAgent);

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        WorkspaceId = User.GetWorkspaceId();
    }
}
