using AgentLedger.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Runs a native time-series request end to end: validate, page the rollups, shape rows, answer JSON or CSV.</summary>
public sealed class SeriesResponder(
    AnalyticsPageReader pages, IAnalyticsReader reader, TimeProvider time, IOptions<JsonOptions> json, IOptions<AnalyticsOptions> options)
{
    public async Task<Results<Ok<AnalyticsSeriesPage<T>>, CsvPageResult<T>, ValidationProblem>> RespondAsync<T>(
        SeriesQueryParameters parameters, HttpRequest request, SeriesDataset dataset, Func<AnalyticsSeriesRow, SeriesRowContext, T> map,
        CancellationToken cancellationToken)
    {
        try
        {
            var series = SeriesQueryParser.Parse(
                parameters, dataset.Name, dataset.Activity, dataset.DefaultGroup, request.Headers.Accept.ToString(), time.GetUtcNow(),
                options.Value.DefaultTimeZone);
            var query = series.Query;
            var page = await pages.ReadPageAsync(query, series.After, cancellationToken).ConfigureAwait(false);
            var emails = query.GroupBy == AnalyticsGroupBy.User
                ? await reader.ReadUserEmailsAsync(query.Scope.WorkspaceId, page.Rows.Select(r => r.GroupKey).ToList(), cancellationToken).ConfigureAwait(false)
                : new Dictionary<string, string>();
            var context = new SeriesRowContext(query, emails);
            var rows = page.Rows.Select(r => map(r, context)).ToList();
            var next = page.Next is null ? null : AnalyticsCursorCodec.Encode(query, page.Next);
            if (series.Csv)
            {
                return new CsvPageResult<T>(rows, page.HasMore, next, json.Value.SerializerOptions);
            }

            return TypedResults.Ok(new AnalyticsSeriesPage<T>(
                query.Calendar.Bucket.ToString().ToLowerInvariant(), query.Calendar.ZoneId, query.GroupBy.ToString().ToLowerInvariant(),
                rows, page.HasMore, next));
        }
        catch (AnalyticsQueryException ex)
        {
            return new SeriesParameterError(ex.Parameter, ex.Message).ToProblem();
        }
    }
}
