namespace AgentLedger.Server.Auth;

/// <summary>
/// For routes with a <c>{workspace_id}</c>: a key of another workspace gets the same 404 as a workspace that does
/// not exist, so that keys cannot probe which workspaces exist.
/// </summary>
internal sealed class WorkspaceRouteFilter : IEndpointFilter
{
    public const string RouteKey = "workspace_id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var requested = http.Request.RouteValues[RouteKey] as string;
        if (requested is null || !string.Equals(requested, http.User.GetWorkspaceId(), StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                detail: $"Workspace '{requested}' was not found.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not Found");
        }

        return await next(context).ConfigureAwait(false);
    }
}
