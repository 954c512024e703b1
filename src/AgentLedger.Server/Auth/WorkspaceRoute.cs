using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Auth;

/// <summary>The <c>{workspace_id}</c> route value, already checked against the key by the workspace filter.</summary>
public readonly record struct WorkspaceRoute(
    [property: FromRoute(Name = "workspace_id")]
    [property: Description("The workspace; an API key reaches only its own (404 otherwise).")]
    string WorkspaceId);
