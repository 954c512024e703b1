using System.Text.Json;
using AgentLedger.Server.Features.Analytics.Native;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>
/// Runs a native analytics API call in-process, through the endpoint's own handler and result (the same validation,
/// rollup reads, row shaping and JSON serializer), and reads the JSON it would send. A chart is therefore exactly
/// one API call, and its export link (the same URL over HTTP) returns the same rows.
/// </summary>
public sealed partial class DashboardApi(IServiceProvider services, IOptions<JsonOptions> json, ILogger<DashboardApi> logger)
{
    /// <summary>
    /// Runs the call on the thread pool: SQLite's reads complete synchronously, so on the circuit's synchronization
    /// context the charts of a page would load one after another; here they load side by side.
    /// </summary>
    public Task<AnalyticsSeriesPage<T>> GetAsync<T>(ApiCall call, CancellationToken cancellationToken) =>
        Task.Run(() => CallAsync<T>(call, cancellationToken), cancellationToken);

    private async Task<AnalyticsSeriesPage<T>> CallAsync<T>(ApiCall call, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.Request.Path = call.Path;
        var result = await InvokeAsync(call, context.Request, cancellationToken).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
        var body = (MemoryStream)context.Response.Body;
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            var detail = System.Text.Encoding.UTF8.GetString(body.ToArray());
            LogCallFailed(logger, call.Endpoint, context.Response.StatusCode);
            throw new DashboardApiException(call.Endpoint, context.Response.StatusCode, detail);
        }

        body.Position = 0;
        return await JsonSerializer.DeserializeAsync<AnalyticsSeriesPage<T>>(body, json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false)
               ?? throw new DashboardApiException(call.Endpoint, StatusCodes.Status200OK, "empty body");
    }

    private async Task<IResult> InvokeAsync(ApiCall call, HttpRequest request, CancellationToken cancellationToken)
    {
        if (call.Endpoint == "user_ranking")
        {
            var ranking = new UserRankingParameters
            {
                WorkspaceId = call.WorkspaceId, From = call.Value("from"), To = call.Value("to"), TimeZone = call.Value("time_zone"),
                SortBy = call.Value("sort_by"), Team = call.Values("team"), Surface = call.Values("surface"), Client = call.Values("client"),
                Model = call.Values("model"), Agent = call.Values("agent"), Limit = ApiCall.PageLimit, Format = "json",
            };
            var responder = services.GetRequiredService<UserRankingResponder>();
            return (await NativeAnalyticsEndpoints.UserRankingAsync(ranking, request, responder, cancellationToken).ConfigureAwait(false)).Result;
        }

        if (call.Endpoint == "active_user_counts")
        {
            var counts = new ActiveUserCountParameters
            {
                WorkspaceId = call.WorkspaceId, Days = call.Values("days"), TimeZone = call.Value("time_zone"), Team = call.Values("team"),
                Surface = call.Values("surface"), Client = call.Values("client"), Model = call.Values("model"), Agent = call.Values("agent"), Format = "json",
            };
            var responder = services.GetRequiredService<ActiveUserCountResponder>();
            return (await NativeAnalyticsEndpoints.ActiveUserCountsAsync(counts, request, responder, cancellationToken).ConfigureAwait(false)).Result;
        }

        var parameters = new SeriesQueryParameters
        {
            WorkspaceId = call.WorkspaceId, From = call.Value("from"), To = call.Value("to"), Bucket = call.Value("bucket"),
            TimeZone = call.Value("time_zone"), GroupBy = call.Value("group_by"), User = call.Values("user"), Team = call.Values("team"),
            Surface = call.Values("surface"), Client = call.Values("client"), Model = call.Values("model"), Agent = call.Values("agent"),
            Version = call.Values("version"), Limit = ApiCall.PageLimit, Format = "json",
        };
        var series = services.GetRequiredService<SeriesResponder>();
        return call.Endpoint switch
        {
            "usage" => (await NativeAnalyticsEndpoints.UsageAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            "active_users" => (await NativeAnalyticsEndpoints.ActiveUsersAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            "code_reviews" => (await NativeAnalyticsEndpoints.CodeReviewsAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            "code_review_engagement" => (await NativeAnalyticsEndpoints.EngagementAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            "cloud_tasks" => (await NativeAnalyticsEndpoints.CloudTasksAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            "sessions" => (await NativeAnalyticsEndpoints.SessionsAsync(parameters, request, series, cancellationToken).ConfigureAwait(false)).Result,
            _ => throw new ArgumentException($"Unknown analytics endpoint '{call.Endpoint}'.", nameof(call)),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard call of analytics endpoint {Endpoint} answered {Status}")]
    private static partial void LogCallFailed(ILogger logger, string endpoint, int status);
}
