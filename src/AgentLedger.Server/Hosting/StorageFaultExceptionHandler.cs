using Microsoft.AspNetCore.Diagnostics;

namespace AgentLedger.Server.Hosting;

/// <summary>
/// The one place where a storage fault becomes an answer for the API (OTLP answers in its own shape, see the OTLP
/// receivers): 503 with <c>Retry-After</c> and ProblemDetails naming the cause, for a failed group commit as for a
/// database that cannot be reached while authenticating or reading. See <see cref="StorageFault"/>.
/// </summary>
internal sealed class StorageFaultExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageFault.Classify(exception) is not { } fault)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = fault.RetryAfter;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = fault.Title,
                Detail = fault.Detail,
                Extensions = { ["cause"] = fault.Cause },
            },
        }).ConfigureAwait(false);
    }
}
