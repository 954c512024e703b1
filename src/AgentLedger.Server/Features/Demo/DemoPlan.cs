using System.Globalization;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// What one demo workspace holds: its seed, population size and window of days. Every event id carries the seed
/// and the window's last day, so a seeding that was interrupted can be resumed with exactly the same plan (and the
/// events it already stored are recognised by their ids and not stored twice).
/// </summary>
internal sealed record DemoPlan(string WorkspaceId, int Seed, int Users, int Days, DateOnly LastDay)
{
    private const string Prefix = "demo-";

    public DateOnly FirstDay => LastDay.AddDays(-(Days - 1));

    public DateOnly DateOf(int dayIndex) => FirstDay.AddDays(dayIndex);

    /// <summary>A plan whose window ends on the UTC day of <paramref name="now"/>.</summary>
    public static DemoPlan Create(DemoOptions options, DateTimeOffset now) =>
        new(options.WorkspaceId, options.Seed, options.Users, options.Days, DateOnly.FromDateTime(now.UtcDateTime));

    /// <summary><c>demo-{seed}-{last day}-{day index}-{counter}</c>: deterministic, so a re-run cannot duplicate.</summary>
    public string EventId(int dayIndex, int counter) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Seed}-{LastDay:yyyyMMdd}-{dayIndex:D3}-{counter:D6}");

    /// <summary>
    /// The plan that produced <paramref name="eventId"/>, with the population size and length taken from the
    /// options; false when the id is not a demo event id (the workspace holds data the demo did not make).
    /// </summary>
    public static bool TryResume(string eventId, DemoOptions options, out DemoPlan plan)
    {
        plan = null!;
        if (!eventId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = eventId[Prefix.Length..].Split('-');
        if (parts.Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastDay))
        {
            return false;
        }

        plan = new DemoPlan(options.WorkspaceId, seed, options.Users, options.Days, lastDay);
        return true;
    }
}
