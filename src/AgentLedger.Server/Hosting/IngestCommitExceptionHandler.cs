using AgentLedger.Core.Ingestion;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentLedger.Server.Hosting;

/// <summary>A failed group commit stored nothing: answer 503 with Retry-After so that the sender retries the batch.</summary>
internal sealed class IngestCommitExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IngestCommitException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "The batch could not be committed and nothing of it was stored; retry it.",
            },
        }).ConfigureAwait(false);
    }
}
