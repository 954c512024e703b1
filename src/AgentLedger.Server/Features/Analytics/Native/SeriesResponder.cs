using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Governance.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Runs a native time-series request end to end: validate, page the rollups, shape rows, answer JSON or CSV.</summary>
public sealed class SeriesResponder(
    AnalyticsPageReader pages, IAnalyticsReader reader, AnalyticsPrivacy privacy, TimeProvider time, IOptions<JsonOptions> json,
    IOptions<AnalyticsOptions> options)
{
    public async Task<Results<Ok<AnalyticsSeriesPage<T>>, CsvPageResult<T>, ValidationProblem>> RespondAsync<T>(
        SeriesQueryParameters parameters, HttpRequest request, SeriesDataset dataset, Func<AnalyticsSeriesRow, SeriesRowContext, T> map,
        CancellationToken cancellationToken)
    {
        try
        {
            var policy = await privacy.ForWorkspaceAsync(parameters.WorkspaceId, cancellationToken).ConfigureAwait(false);
            parameters = parameters with { User = await privacy.ResolveUsersAsync(policy, parameters.WorkspaceId, parameters.User, cancellationToken).ConfigureAwait(false) };
            var series = SeriesQueryParser.Parse(
                parameters, dataset.Name, dataset.Activity, dataset.DefaultGroup, request.Headers.Accept.ToString(), time.GetUtcNow(),
                options.Value.DefaultTimeZone);
            var query = series.Query;
            var page = await pages.ReadPageAsync(query, series.After, cancellationToken).ConfigureAwait(false);
            var emails = query.GroupBy == AnalyticsGroupBy.User && !policy.Pseudonymise
                ? await reader.ReadUserEmailsAsync(query.Scope.WorkspaceId, page.Rows.Select(r => r.GroupKey).ToList(), cancellationToken).ConfigureAwait(false)
                : PrivacyPolicy.NoEmails;
            var context = new SeriesRowContext(query, emails, policy);
            var rows = policy.Visible(query, page.Rows).Select(r => map(r, context)).ToList();
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
