using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Integrity;

/// <summary>
/// <c>GET /api/v1/compliance/verify</c> (<c>compliance.admin</c>): recomputes the workspace's record hash chain and says
/// what is wrong, record by record. It reads every record, so it is an audited compliance read.
/// </summary>
public static class IntegrityEndpoints
{
    public const string Path = "/api/v1/compliance/verify";

    public static IEndpointRouteBuilder MapIntegrity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, VerifyAsync).WithTags("Compliance integrity").RequireScope(ApiKeyScope.ComplianceAdmin)
            .WithSummary("Recomputes the workspace's record hash chain and reports modified, missing and reordered records.")
            .WithDescription(
                "Walks every stored record in seq order, recomputing its content hash and its link to the previous record, and "
                + "compares the workspace head and each sealed CODEX_LOG file's chain head. status is valid or invalid; problems "
                + "name each record (by seq) that was modified, is missing, or traded places with another. Content purged by "
                + "retention verifies through its stored hash. The call is recorded in the audit log.");
        return routes;
    }

    public static async Task<Results<Ok<ChainVerificationView>, ProblemHttpResult>> VerifyAsync(
        RecordChainVerifier verifier, ComplianceAuditor auditor, HttpContext http, CancellationToken cancellationToken)
    {
        var workspaceId = http.User.GetWorkspaceId();
        var result = await verifier.VerifyAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return TypedResults.Problem(detail: $"Workspace '{workspaceId}' does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        await auditor.RecordAsync(http, AuditActions.VerifyRecordChain, ApiKeyScope.ComplianceAdmin, AuditData(result), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(ChainVerificationView.From(result));
    }

    /// <summary>What the audit log keeps of a verification: its outcome, never record content.</summary>
    public static JsonObject AuditData(ChainVerification result) => new()
    {
        ["valid"] = result.Valid,
        ["record_count"] = result.RecordsChecked,
        ["last_seq"] = result.LastSeq,
        ["problem_count"] = result.Problems.Count,
        ["head_sha256"] = result.HeadSha256,
    };
}
