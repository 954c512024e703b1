using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// A streamed read of the feed: every matching record with seq in (after, upto], written as it is read, one page in
/// memory at a time. <c>X-Next-Page</c> (sent first) is the cursor to resume from. The access is audited when the
/// stream ends, with the number of records sent and whether the client read to the end.
/// </summary>
public sealed partial class RecordStreamResult(
    IComplianceRecordReader reader,
    ComplianceAuditor auditor,
    RecordLineWriter writer,
    string workspaceId,
    RecordFilter filter,
    long afterSeq,
    long uptoSeq,
    JsonObject auditData) : IResult
{
    public const string NextPageHeader = "X-Next-Page";
    private const int PageSize = 1000;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = RecordFeedFormats.ContentType(writer.Format);
        response.Headers[NextPageHeader] = uptoSeq.ToString(CultureInfo.InvariantCulture);
        var body = response.BodyWriter;
        long count = 0;
        var completed = false;
        try
        {
            writer.WriteHeader(body);
            await foreach (var page in FilteredRecordScan.PagesAsync(reader, workspaceId, filter, afterSeq, uptoSeq, PageSize, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var record in page)
                {
                    writer.Write(body, record);
                }

                count += page.Count;
                var flushed = await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return;
                }
            }

            completed = true;
        }
        finally
        {
            auditData["record_count"] = count;
            auditData["completed"] = completed;
            try
            {
                // Not the request's token: a client that went away has still read what it read.
                await auditor.RecordAsync(httpContext, AuditActions.ReadRecords, ApiKeyScope.ComplianceRead, auditData, CancellationToken.None,
                    completed ? AuditResult.Success : AuditResult.Failed).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAuditFailed(httpContext.RequestServices.GetRequiredService<ILogger<RecordStreamResult>>(), workspaceId, count, ex);
                httpContext.Abort();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit a streamed read of {Count} records in workspace {WorkspaceId}; the response was aborted")]
    private static partial void LogAuditFailed(ILogger logger, string workspaceId, long count, Exception exception);
}
