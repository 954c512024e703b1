using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Governance.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Admin;

/// <summary>
/// Workspace details, API keys and the user directory, under <c>/api/v1/workspaces/{workspace_id}</c>. Every change
/// (key created or revoked, directory updated) is an audit event.
/// </summary>
public static class WorkspaceAdminEndpoints
{
    public const int MaxDirectoryBatch = 10_000;

    public static IEndpointRouteBuilder MapWorkspaceAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/workspaces/{workspace_id}").RequireOwnWorkspace().WithTags("Admin");
        group.MapGet("/", GetWorkspaceAsync).RequireAuthorization();
        group.MapGet("/keys", ListKeysAsync).RequireScope(ApiKeyScope.Admin);
        group.MapPost("/keys", CreateKeyAsync).RequireScope(ApiKeyScope.Admin);
        group.MapDelete("/keys/{key_id}", RevokeKeyAsync).RequireScope(ApiKeyScope.Admin);
        group.MapPut("/directory/users", UpsertUsersAsync).RequireScope(ApiKeyScope.Admin);
        group.MapGet("/directory/users", ListUsersAsync).RequireScope(ApiKeyScope.AnalyticsRead);
        return routes;
    }

    public static async Task<Results<Ok<WorkspaceResponse>, NotFound>> GetWorkspaceAsync(
        [AsParameters] WorkspaceRoute route, IWorkspaceStore workspaces, IRecordReader records, CancellationToken cancellationToken)
    {
        var workspace = await workspaces.FindWorkspaceAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false);
        if (workspace is null)
        {
            return TypedResults.NotFound();
        }

        var (count, lastSeq) = await records.CountAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new WorkspaceResponse(workspace.Id, workspace.Name, workspace.CreatedAt, count, lastSeq));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyResponse>>> ListKeysAsync(
        [AsParameters] WorkspaceRoute route, IWorkspaceStore workspaces, CancellationToken cancellationToken)
    {
        var keys = await workspaces.ListApiKeysAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ApiKeyResponse>>(keys.Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateKeyAsync(
        [AsParameters] WorkspaceRoute route, CreateApiKeyRequest request, ApiKeyAdministration keys, HttpContext http, CancellationToken cancellationToken)
    {
        var (issued, error) = await keys.CreateAsync(AuditCaller.From(http), route.WorkspaceId, request.Name, request.Scopes, cancellationToken)
            .ConfigureAwait(false);
        if (issued is null)
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var response = new CreatedApiKeyResponse(issued.Info.KeyId, issued.Info.Name, ScopeNames(issued.Info.Scopes), issued.Token);
        return TypedResults.Created($"/api/v1/workspaces/{route.WorkspaceId}/keys/{issued.Info.KeyId}", response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        [AsParameters] WorkspaceRoute route, string key_id, ApiKeyAdministration keys, HttpContext http, CancellationToken cancellationToken)
    {
        return await keys.RevokeAsync(AuditCaller.From(http), route.WorkspaceId, key_id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(detail: $"No active key '{key_id}' in this workspace.", statusCode: StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<IReadOnlyList<DirectoryUserResponse>>, ProblemHttpResult>> UpsertUsersAsync(
        [AsParameters] WorkspaceRoute route, IReadOnlyList<DirectoryUserRequest> users, IDirectoryStore directory, ComplianceAuditor auditor,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (users.Count > MaxDirectoryBatch)
        {
            return TypedResults.Problem(detail: $"At most {MaxDirectoryBatch} users per request.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var invalid = users.Select((u, i) => (u, i)).FirstOrDefault(p => string.IsNullOrWhiteSpace(p.u.Email) || !p.u.Email.Contains('@', StringComparison.Ordinal));
        if (invalid.u is not null)
        {
            return TypedResults.Problem(detail: $"[{invalid.i}].email must be an e-mail address.", statusCode: StatusCodes.Status400BadRequest);
        }

        var updates = users.Select(u => new DirectoryUserUpdate(u.Email!, u.DisplayName, u.Team)).ToList();
        var stored = await directory.UpsertUsersAsync(route.WorkspaceId, updates, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(http, AuditActions.UpdateDirectoryUsers, ApiKeyScope.Admin, new JsonObject
        {
            ["user_count"] = stored.Count,
            // who was changed (ids, not names or e-mails: the directory holds those), at most the first hundred
            ["user_ids"] = new JsonArray(stored.Take(100).Select(u => (JsonNode?)u.UserId).ToArray()),
            ["teams"] = new JsonArray(stored.Select(u => u.Team).OfType<string>().Distinct().Take(100).Select(t => (JsonNode?)t).ToArray()),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<DirectoryUserResponse>>(stored.Select(ToResponse).ToList());
    }

    public static async Task<Results<Ok<DirectoryUsersPage>, ProblemHttpResult>> ListUsersAsync(
        [AsParameters] WorkspaceRoute route, string? page, int? limit, IDirectoryStore directory, AnalyticsPrivacy privacy, HttpContext http,
        CancellationToken cancellationToken)
    {
        // The directory maps ids to e-mails: where analytics outputs are pseudonymised, only an admin may read it.
        if (!http.User.GetScopes().HasFlag(ApiKeyScope.Admin)
            && (await privacy.ForWorkspaceAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false)).Pseudonymise)
        {
            return TypedResults.Problem(detail: "This workspace pseudonymises users in analytics; listing the directory needs the admin scope.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var size = limit ?? 100;
        if (size is < 1 or > 1000)
        {
            return TypedResults.Problem(detail: "limit must be between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest);
        }

        var users = await directory.ListUsersAsync(route.WorkspaceId, page, size + 1, cancellationToken).ConfigureAwait(false);
        var hasMore = users.Count > size;
        var data = users.Take(size).Select(ToResponse).ToList();
        return TypedResults.Ok(new DirectoryUsersPage(data, hasMore, hasMore ? data[^1].UserId : null));
    }

    /// <summary>What an audit event says of a new key: its id, label and scopes, never its secret.</summary>
    public static JsonObject KeyAuditData(string keyId, string name, ApiKeyScope scopes) => new()
    {
        ["key_id"] = keyId,
        ["key_name"] = name,
        ["scopes"] = new JsonArray(ScopeNames(scopes).Select(s => (JsonNode?)s).ToArray()),
    };

    private static ApiKeyResponse ToResponse(ApiKeyInfo key) =>
        new(key.KeyId, key.Name, ScopeNames(key.Scopes), key.CreatedAt, key.RevokedAt, key.LastUsedAt);

    private static DirectoryUserResponse ToResponse(DirectoryUser user) => new(user.UserId, user.Email, user.DisplayName, user.Team);

    public static string[] ScopeNames(ApiKeyScope scopes) =>
        ApiKeyScopes.Format(scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
