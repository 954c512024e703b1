using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Generates a plan's activity one day at a time, as native events. Each day draws from its own generator seeded by
/// the plan's seed and the day, and days are generated in order (planted findings and pull-request numbers carry
/// over), so the same plan always yields the same events with the same ids. Events later than <c>now</c> are not
/// emitted, nor events before the first day's UTC midnight: the window is whole UTC days ending now.
/// </summary>
internal sealed partial class DemoActivityGenerator
{
    private static readonly string SessionStarted = WireNames.Of(RecordKind.SessionStarted);
    private static readonly string UserPrompt = WireNames.Of(RecordKind.UserPrompt);
    private static readonly string ModelResponse = WireNames.Of(RecordKind.ModelResponse);
    private static readonly string ToolDecision = WireNames.Of(RecordKind.ToolDecision);
    private static readonly string ToolResult = WireNames.Of(RecordKind.ToolResult);
    private static readonly string ApiError = WireNames.Of(RecordKind.ApiError);
    private static readonly string CloudTaskCreated = WireNames.Of(RecordKind.CloudTaskCreated);
    private static readonly string CloudTaskCompleted = WireNames.Of(RecordKind.CloudTaskCompleted);
    private static readonly string CloudTaskFailed = WireNames.Of(RecordKind.CloudTaskFailed);
    private static readonly string ReviewCompleted = WireNames.Of(RecordKind.CodeReviewCompleted);
    private static readonly string ReviewReply = WireNames.Of(RecordKind.ReviewReply);
    private static readonly string ReviewReaction = WireNames.Of(RecordKind.ReviewReaction);

    /// <summary>Where hosted agents (cloud tasks, review bots) send from, as opposed to a developer's machine.</summary>
    private const string CloudAddress = "10.250.0.10";

    private readonly DemoPlan _plan;
    private readonly IReadOnlyList<DemoUser> _users;
    private readonly Dictionary<DemoTeam, DemoUser[]> _teams;
    private readonly Dictionary<string, long> _nextPullRequest = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _windowStart;
    private readonly List<DemoEvent> _events = [];
    private readonly DemoQuotaSampler _priorities;
    private readonly DemoQuotaSampler _reactions;
    private readonly DemoQuotaSampler _cloudOutcomes;
    private Random _rng = new(0);
    private int _day;
    private int _counter;

    public DemoActivityGenerator(DemoPlan plan, IReadOnlyList<DemoUser> users, DateTimeOffset now)
    {
        _plan = plan;
        _users = users;
        _now = now;
        _windowStart = new DateTimeOffset(plan.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Plants = new DemoPlants(plan);
        var rng = new Random(plan.Seed);
        _priorities = new DemoQuotaSampler(rng.NextDouble());
        _reactions = new DemoQuotaSampler(rng.NextDouble());
        _cloudOutcomes = new DemoQuotaSampler(rng.NextDouble());
        _teams = users.GroupBy(u => u.Team).ToDictionary(g => g.Key, g => g.ToArray());
        var repositories = DemoTeam.All.SelectMany(t => t.Repositories).ToList();
        for (var i = 0; i < repositories.Count; i++)
        {
            _nextPullRequest[repositories[i]] = 1000 + (i * 317);
        }
    }

    public DemoPlants Plants { get; }

    /// <summary>The events of day <paramref name="dayIndex"/> (0 is the plan's first day), in order of occurrence.</summary>
    public IReadOnlyList<DemoEvent> GenerateDay(int dayIndex)
    {
        _day = dayIndex;
        _counter = 0;
        _events.Clear();
        _rng = new Random(unchecked((_plan.Seed * 7919) + dayIndex + 1));
        var date = _plan.DateOf(dayIndex);
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        foreach (var user in _users)
        {
            if (!user.IsActiveOn(dayIndex) || !_rng.Chance(ActivityProbability(user, weekend)))
            {
                continue;
            }

            // The user's working day starts at local midnight of the plan's date.
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), user.UtcOffset).ToUniversalTime();
            GenerateWorkday(user, midnight, weekend);
        }

        // Working days east of UTC start on the previous UTC day; the window is whole UTC days, up to now.
        return [.. _events
            .Where(e => e.Event.OccurredAt >= _windowStart && e.Event.OccurredAt <= _now)
            .OrderBy(e => e.Event.OccurredAt!.Value)];
    }

    private double ActivityProbability(DemoUser user, bool weekend)
    {
        var probability = (user.Archetype, weekend) switch
        {
            (DemoArchetype.Power, false) => 0.9,
            (DemoArchetype.Regular, false) => 0.68,
            (DemoArchetype.Occasional, false) => 0.25,
            (DemoArchetype.Power, true) => 0.3,
            (DemoArchetype.Regular, true) => 0.05,
            _ => 0.02,
        };

        // New adopters try it out before it becomes a habit.
        var daysSinceStart = _day - user.StartDay;
        return daysSinceStart < 10 ? probability * (0.5 + (0.05 * daysSinceStart)) : probability;
    }

    private void GenerateWorkday(DemoUser user, DateTimeOffset midnight, bool weekend)
    {
        var sessions = user.Archetype switch
        {
            DemoArchetype.Power => 2 + _rng.Poisson(2.5),
            DemoArchetype.Regular => 1 + _rng.Poisson(1.2),
            _ => 1 + _rng.Poisson(0.3),
        };
        if (weekend)
        {
            sessions = Math.Max(1, sessions / 2);
        }

        for (var i = 0; i < sessions; i++)
        {
            var start = midnight + WorkTime(user, weekend);
            var surface = (DemoSurfaceChoice)_rng.WeightedIndex(user.SurfaceWeights);
            var kit = KitFor(user, surface);
            if (surface == DemoSurfaceChoice.Cloud)
            {
                EmitCloudTasks(user, kit, start);
            }
            else
            {
                EmitSession(user, kit, surface, start);
            }
        }

        var pullRequests = weekend ? 0 : _rng.Poisson(user.Archetype switch
        {
            DemoArchetype.Power => 1.0,
            DemoArchetype.Regular => 0.5,
            _ => 0.15,
        });
        for (var i = 0; i < pullRequests; i++)
        {
            EmitReview(user, midnight + WorkTime(user, weekend: false));
        }
    }

    /// <summary>Local time of day: mornings and afternoons with a lunch dip, some evenings (more for power users).</summary>
    private TimeSpan WorkTime(DemoUser user, bool weekend)
    {
        if (weekend)
        {
            return TimeSpan.FromHours(_rng.Between(10.0, 22.0));
        }

        double[] segments = [0.05, 0.42, 0.43, user.Archetype == DemoArchetype.Power ? 0.2 : 0.08];
        var hours = _rng.WeightedIndex(segments) switch
        {
            0 => _rng.Between(7.5, 9.0),
            1 => _rng.Between(9.0, 12.0),
            2 => _rng.Between(13.0, 18.0),
            _ => _rng.Between(18.0, 23.0),
        };
        return TimeSpan.FromHours(hours);
    }

    /// <summary>Mostly the user's primary agent; another one where the primary has no client for the surface.</summary>
    private DemoAgentKit KitFor(DemoUser user, DemoSurfaceChoice surface)
    {
        var first = user.SecondaryAgent is { } secondary && _rng.Chance(0.25) ? secondary : user.PrimaryAgent;
        Agent[] candidates = [first, user.PrimaryAgent, user.SecondaryAgent ?? Agent.Codex, Agent.Codex];
        return candidates.Select(DemoAgentKit.For).First(k => k.Supports(surface));
    }

    private string NextEventId() => _plan.EventId(_day, _counter++);

    private void Emit(string clientIp, string userAgent, NativeEvent e) => _events.Add(new DemoEvent(e, clientIp, userAgent));

    private DemoUser Teammate(DemoUser user)
    {
        var team = _teams[user.Team];
        var candidate = team[_rng.Next(team.Length)];
        return candidate.StartDay <= _day ? candidate : user;
    }

    private static NativeEventUsage Usage(long input, long cached, long output, long reasoning) =>
        new() { InputTokens = input, CachedInputTokens = Math.Min(cached, input), OutputTokens = output, ReasoningTokens = Math.Min(reasoning, output) };
}
