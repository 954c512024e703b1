using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Governance.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// Distinct active users over the last N local days for a few N at once (the dashboard's "today / 7 days / 30 days"
/// tiles): one distinct count per period over the rollups, all on one connection (whole UTC days from the users' last
/// active days where exact, see <see cref="DailyGroupRollup"/>), instead of a user ranking per period, which also reads
/// every active hour for streaks.
/// </summary>
public sealed class ActiveUserCountResponder(
    IAnalyticsReader reader, AnalyticsPrivacy privacy, TimeProvider time, IOptions<JsonOptions> json, IOptions<AnalyticsOptions> options)
{
    public const int MaxDays = 366;
    public const int MaxPeriods = 10;
    private static readonly string[] DefaultDays = ["1", "7", "30"];

    public async Task<Results<Ok<AnalyticsSeriesPage<ActiveUserCountRow>>, CsvPageResult<ActiveUserCountRow>, ValidationProblem>> RespondAsync(
        ActiveUserCountParameters p, HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var periods = ParseDays(p.Days is { Length: > 0 } ? p.Days : DefaultDays);
            var series = SeriesQueryParser.Parse(
                new SeriesQueryParameters
                {
                    WorkspaceId = p.WorkspaceId, TimeZone = p.TimeZone, Team = p.Team, Surface = p.Surface, Client = p.Client, Model = p.Model,
                    Agent = p.Agent, Format = p.Format, Bucket = "day", GroupBy = "workspace",
                },
                "active_user_counts", AnalyticsActivity.Any, AnalyticsGroupBy.Workspace, request.Headers.Accept.ToString(), time.GetUtcNow(),
                options.Value.DefaultTimeZone);
            var query = series.Query;
            var policy = await privacy.ForWorkspaceAsync(p.WorkspaceId, cancellationToken).ConfigureAwait(false);
            var calendar = query.Calendar;
            var today = calendar.LocalDateOf(time.GetUtcNow().ToUnixTimeSeconds());
            var end = calendar.LocalDayStart(today.AddDays(1));
            var ranges = periods.Select(days => (FromHour: calendar.LocalDayStart(today.AddDays(1 - days)), ToHour: end)).ToList();
            var counts = await reader.CountActiveUsersAsync(query.Scope, ranges, options.Value.UseUserFreeRollups, cancellationToken).ConfigureAwait(false);
            var rows = new List<ActiveUserCountRow>(periods.Count);
            for (var i = 0; i < periods.Count; i++)
            {
                var (days, start, users) = (periods[i], ranges[i].FromHour, counts[i]);
                // A count filtered to teams is a team aggregate: under the minimum group size it is not shown.
                if (policy.AggregatesTeams(query) && !policy.ShowsTeam(users))
                {
                    continue;
                }

                rows.Add(new ActiveUserCountRow(days, SeriesRowContext.FormatTime(query, start), SeriesRowContext.FormatTime(query, end), users));
            }

            return series.Csv
                ? new CsvPageResult<ActiveUserCountRow>(rows, false, null, json.Value.SerializerOptions)
                : TypedResults.Ok(new AnalyticsSeriesPage<ActiveUserCountRow>("day", calendar.ZoneId, "workspace", rows, false, null));
        }
        catch (AnalyticsQueryException ex)
        {
            return new SeriesParameterError(ex.Parameter, ex.Message).ToProblem();
        }
    }

    private static List<int> ParseDays(string[] values)
    {
        var days = new List<int>();
        foreach (var text in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxDays)
            {
                throw new AnalyticsQueryException("days", $"'{text}' is not a whole number of days from 1 to {MaxDays}.");
            }

            if (!days.Contains(n))
            {
                days.Add(n);
            }
        }

        return days.Count is > 0 and <= MaxPeriods
            ? days
            : throw new AnalyticsQueryException("days", $"give 1 to {MaxPeriods} period lengths.");
    }
}
