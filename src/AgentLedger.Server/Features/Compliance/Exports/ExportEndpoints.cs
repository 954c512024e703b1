using System.ComponentModel;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// eDiscovery exports under <c>/api/v1/compliance/exports</c>, all with <c>compliance.admin</c>: request one with a
/// filter (202, built asynchronously), follow its status, download the package (tar) or any of its files. Every call
/// is an audit event, and so is the job's completion.
/// </summary>
public static class ExportEndpoints
{
    public const string BasePath = "/api/v1/compliance/exports";
    public const int MaxJustificationLength = 1000;

    public static string PathOf(string exportId) => $"{BasePath}/{exportId}";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).WithTags("Compliance exports").RequireScope(ApiKeyScope.ComplianceAdmin);
        group.MapPost("", CreateAsync).WithSummary("Requests an eDiscovery export of the records matching a filter; built asynchronously.");
        group.MapGet("", ListAsync).WithSummary("The workspace's exports, newest first.");
        group.MapGet("/{export_id}", GetAsync).WithSummary("An export's status, counts and files.");
        group.MapGet("/{export_id}/download", DownloadAsync).WithSummary("The completed package as a tar archive (verify with sha256sum -c SHA256SUMS).");
        group.MapGet("/{export_id}/files/{file_name}", DownloadFileAsync)
            .WithSummary("One file of the package: records.ndjson, index.csv, manifest.json or SHA256SUMS.");
        return routes;
    }

    public static async Task<Results<Accepted<ExportJobView>, ProblemHttpResult>> CreateAsync(
        ExportRequest? request, [AsParameters] ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var filter = RecordFilter.None;
        if (request?.Filter is { } input && !RecordFilterParser.TryParse(input, RecordFilterParser.BodyNames, out filter, out var error))
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        if (request?.Justification is { Length: > MaxJustificationLength })
        {
            return TypedResults.Problem(detail: $"justification is at most {MaxJustificationLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var now = services.Time.GetUtcNow();
        var job = new ExportJob
        {
            WorkspaceId = http.User.GetWorkspaceId(),
            Id = RecordIds.NewId(now),
            Status = ExportStatus.Queued,
            Filter = filter,
            RequestedBy = AuditActor.ApiKey(http.User.GetKeyId() ?? "unknown", http.User.Identity?.Name),
            Justification = string.IsNullOrWhiteSpace(request?.Justification) ? null : request.Justification.Trim(),
            CreatedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero),
        };
        await services.Auditor.RecordAsync(http, AuditActions.CreateExport, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["export_id"] = job.Id,
            ["filter"] = RecordFilterJson.ToJson(filter),
            ["justification"] = job.Justification,
        }, cancellationToken).ConfigureAwait(false);
        await services.Jobs.CreateAsync(job, cancellationToken).ConfigureAwait(false);
        services.Runner.Wake();
        return TypedResults.Accepted(PathOf(job.Id), ExportJobView.From(job));
    }

    public static async Task<Results<Ok<ExportJobPage>, ProblemHttpResult>> ListAsync(
        [Description("next_page of the previous page: exports older than this id.")] string? before,
        [Description("Exports per page, 1 to 200 (default 50).")] int? limit,
        [AsParameters] ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 200 || (before is not null && !ExportFolders.IsExportId(before)))
        {
            return TypedResults.Problem(detail: "limit must be between 1 and 200, and before an export id from next_page.", statusCode: StatusCodes.Status400BadRequest);
        }

        var jobs = await services.Jobs.ListAsync(http.User.GetWorkspaceId(), before, size + 1, cancellationToken).ConfigureAwait(false);
        var data = jobs.Take(size).Select(ExportJobView.From).ToList();
        await services.Auditor.RecordAsync(http, AuditActions.ListExports, ApiKeyScope.ComplianceAdmin,
            new JsonObject { ["before"] = before, ["limit"] = size, ["export_count"] = data.Count }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ExportJobPage(data, jobs.Count > size, jobs.Count > size ? data[^1].Id : null));
    }

    public static async Task<Results<Ok<ExportJobView>, ProblemHttpResult>> GetAsync(
        [Description("The export id.")] string export_id, [AsParameters] ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var job = await FindAsync(export_id, services, http, cancellationToken).ConfigureAwait(false);
        await services.Auditor.RecordAsync(http, AuditActions.ReadExport, ApiKeyScope.ComplianceAdmin,
            new JsonObject { ["export_id"] = export_id, ["found"] = job is not null }, cancellationToken).ConfigureAwait(false);
        return job is null ? NotFound(export_id) : TypedResults.Ok(ExportJobView.From(job));
    }

    public static async Task<Results<ExportPackageResult, ProblemHttpResult>> DownloadAsync(
        [Description("The export id.")] string export_id, [AsParameters] ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindCompletedAsync(export_id, services, http, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return problem!;
        }

        await AuditDownloadAsync(job, "package", services, http, cancellationToken).ConfigureAwait(false);
        return new ExportPackageResult(services.Folders.PackageOf(job.WorkspaceId, job.Id), job.Id);
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadFileAsync(
        [Description("The export id.")] string export_id,
        [Description("records.ndjson, index.csv, manifest.json or SHA256SUMS.")] string file_name,
        [AsParameters] ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ExportPackageFiles.All.Contains(file_name, StringComparer.Ordinal))
        {
            return TypedResults.Problem(detail: $"A package has the files {string.Join(", ", ExportPackageFiles.All)}.", statusCode: StatusCodes.Status404NotFound);
        }

        var (job, problem) = await FindCompletedAsync(export_id, services, http, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return problem!;
        }

        await AuditDownloadAsync(job, file_name, services, http, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(services.Folders.PackageOf(job.WorkspaceId, job.Id), file_name);
        return TypedResults.PhysicalFile(path, ExportPackageFiles.ContentType(file_name), file_name);
    }

    private static async Task<ExportJob?> FindAsync(string exportId, ExportServices services, HttpContext http, CancellationToken cancellationToken) =>
        ExportFolders.IsExportId(exportId)
            ? await services.Jobs.FindAsync(http.User.GetWorkspaceId(), exportId, cancellationToken).ConfigureAwait(false)
            : null;

    private static async Task<(ExportJob? Job, ProblemHttpResult? Problem)> FindCompletedAsync(
        string exportId, ExportServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var job = await FindAsync(exportId, services, http, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return (null, NotFound(exportId));
        }

        return job.Status == ExportStatus.Completed
            ? (job, null)
            : (null, TypedResults.Problem(detail: $"Export '{exportId}' is {ExportJobJson.StatusName(job.Status)}; its package exists once it is completed.",
                statusCode: StatusCodes.Status409Conflict));
    }

    private static Task<AuditEvent> AuditDownloadAsync(ExportJob job, string what, ExportServices services, HttpContext http, CancellationToken cancellationToken) =>
        services.Auditor.RecordAsync(http, AuditActions.DownloadExport, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["export_id"] = job.Id,
            ["file"] = what,
            ["record_count"] = job.RecordCount,
            ["bytes"] = what == "package" ? job.Bytes : job.Files.FirstOrDefault(f => f.Name == what)?.Bytes,
        }, cancellationToken);

    private static ProblemHttpResult NotFound(string exportId) =>
        TypedResults.Problem(detail: $"Export '{exportId}' was not found.", statusCode: StatusCodes.Status404NotFound);
}
