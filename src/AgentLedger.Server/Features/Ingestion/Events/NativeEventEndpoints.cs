using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary><c>POST /api/v1/events</c>: the native event API. Contract: docs/api/native-events.md.</summary>
public static class NativeEventEndpoints
{
    public static IEndpointRouteBuilder MapNativeEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/events", IngestAsync)
            .RequireScope(ApiKeyScope.Ingest)
            .WithMetadata(new IngestBodyLimit())
            .WithName("IngestNativeEvents")
            .WithTags("Ingestion");
        return routes;
    }

    public static async Task<Results<Ok<NativeEventResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext http,
        IngestBodyReader bodyReader,
        NativeEventMapper mapper,
        IngestBatchWriter writer,
        IOptions<JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var contentType = http.Request.ContentType ?? "";
        var ndjson = contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
                     || contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase);
        if (!ndjson && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {HeaderEcho.Quote(contentType)} is not supported; send application/json (an array of events) or application/x-ndjson.");
        }

        var body = await bodyReader.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Bytes is null)
        {
            return Problem(body.Error == IngestBodyError.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, body.Message!);
        }

        var batch = NativeEventBatchParser.Parse(body.Bytes, ndjson, json.Value.SerializerOptions);
        if (batch.BodyError is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, batch.BodyError);
        }

        if (batch.Events.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The batch holds no events.");
        }

        var maxEvents = bodyReader.Limits.MaxEventsPerBatch;
        if (batch.Events.Count > maxEvents)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge,
                $"The batch holds {batch.Events.Count} events; the limit is {maxEvents} (Ingest:MaxEventsPerBatch). Split it into smaller batches.");
        }

        var context = new NativeEventContext(
            http.User.GetWorkspaceId(), time.GetUtcNow(), http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        var rejected = new List<RejectedEvent>();
        var records = new List<ActivityRecord>();
        var firstRecordOfEvent = new List<int>();
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var parsed = batch.Events[i];
            var mapping = parsed.Event is null ? NativeEventMapping.Invalid(parsed.Error!) : mapper.Map(parsed.Event, context);
            if (!mapping.IsValid)
            {
                rejected.Add(new RejectedEvent(i, parsed.Event?.EventId ?? parsed.EventId, mapping.Error!));
                continue;
            }

            firstRecordOfEvent.Add(records.Count);
            records.AddRange(mapping.Records);
        }

        if (records.Count == 0)
        {
            var problem = TypedResults.Problem(
                detail: $"None of the {batch.Events.Count} events is valid; nothing was stored. First error: event {rejected[0].Index}: {rejected[0].Error}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "No valid events",
                extensions: new Dictionary<string, object?> { ["rejected"] = rejected });
            return problem;
        }

        var outcomes = await writer.WriteAsync(records, cancellationToken).ConfigureAwait(false);
        var accepted = firstRecordOfEvent.Count(index => outcomes[index].Stored);
        return TypedResults.Ok(new NativeEventResponse(
            accepted, firstRecordOfEvent.Count - accepted, outcomes.Count(o => o.Stored), rejected));
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
