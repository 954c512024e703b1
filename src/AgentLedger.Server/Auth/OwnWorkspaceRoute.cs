namespace AgentLedger.Server.Auth;

/// <summary>
/// Marks an endpoint whose <c>{workspace_id}</c> is checked against the caller's workspace by
/// <see cref="WorkspaceRouteFilter"/>; the authorization matrix test requires it on every route with that parameter.
/// </summary>
public sealed record OwnWorkspaceRoute;
