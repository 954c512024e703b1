using System.Text.Json;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Demo;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>The generator on its own: determinism, validity against the native event API, and the shape of adoption.</summary>
public sealed class DemoActivityGeneratorTests
{
    private static readonly DateTimeOffset Now = DemoTestServer.Now;

    [Fact]
    public void GenerateDay_SamePlanTwice_SameEventsWithTheSameIds()
    {
        var plan = Plan(users: 30, days: 5);

        var first = GenerateAll(plan);
        var second = GenerateAll(plan);

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first.Select(Serialize), second.Select(Serialize));
        Assert.Equal(first.Count, first.Select(e => e.Event.EventId).Distinct().Count());
    }

    [Fact]
    public void GenerateDay_OtherSeed_OtherEventIds()
    {
        var ids = GenerateAll(Plan(users: 30, days: 3)).Select(e => e.Event.EventId).ToHashSet();
        var other = GenerateAll(Plan(users: 30, days: 3) with { Seed = 7 }).Select(e => e.Event.EventId);

        Assert.DoesNotContain(other, ids.Contains);
    }

    [Fact]
    public void GenerateDay_SmallPlan_EveryEventIsAcceptedByTheNativeEventApiWithinTheWindow()
    {
        var plan = Plan(users: 40, days: 7);
        var mapper = new NativeEventMapper(new CreditCalculator(PriceBook.Default));
        var windowStart = new DateTimeOffset(plan.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var events = GenerateAll(plan);
        var mappings = events.Select(e => mapper.Map(e.Event, new NativeEventContext(plan.WorkspaceId, Now, e.ClientIp, e.UserAgent))).ToList();

        Assert.All(mappings, m => Assert.True(m.IsValid, m.Error));
        Assert.All(events, e => Assert.InRange(e.Event.OccurredAt!.Value, windowStart, Now));
        var records = mappings.SelectMany(m => m.Records).ToList();
        Assert.All(records.Where(r => r.Model is not null && !r.Usage.IsEmpty), r => Assert.True(r.Credits > 0, $"{r.Model} was not priced"));
        // tool.call is what the model gateway sees in a model's answer; the demo plays agent-side telemetry only.
        Assert.Equal(Enum.GetValues<RecordKind>().Where(k => k is not (RecordKind.Other or RecordKind.ModelRequest or RecordKind.ToolCall)).Order(),
            records.Select(r => r.Kind).Distinct().Order());
    }

    [Fact]
    public void GenerateDay_DefaultPlan_ActiveUsersGrowOverTheWindow()
    {
        var plan = Plan(users: 300, days: 90);
        var generator = new DemoActivityGenerator(plan, DemoPopulation.Create(plan), Now);

        // Two whole weeks each, so both spans hold the same weekdays.
        var early = ActiveUsers(generator, 1, 14);
        var late = ActiveUsers(generator, 75, 88);

        Assert.True(late > early * 1.4, $"{early} active users in the first two weeks, {late} in the last two");
        Assert.True(late >= 200, $"{late} active users in the last two weeks");
    }

    [Fact]
    public void GenerateDay_DefaultPlan_WeekdaysBusierThanWeekendsAndNightsQuiet()
    {
        var plan = Plan(users: 300, days: 90);
        var users = DemoPopulation.Create(plan);
        var generator = new DemoActivityGenerator(plan, users, Now);
        var days = Enumerable.Range(60, 28).Select(d => (Date: plan.DateOf(d), Events: generator.GenerateDay(d))).ToList();

        double ActiveUsers(bool weekend) => days
            .Where(d => (d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) == weekend)
            .Average(d => d.Events.Select(e => e.Event.User!.Email).Distinct().Count());
        var weekday = ActiveUsers(weekend: false);
        var weekendDay = ActiveUsers(weekend: true);
        Assert.True(weekday > 3 * weekendDay, $"{weekday:F1} active users on an average weekday, {weekendDay:F1} on a weekend day");

        // Teams on UTC work office hours: hardly anything between midnight and 7 in the morning.
        var onUtc = users.Where(u => u.Team.UtcOffsetMinutes == 0).Select(u => u.Email).ToHashSet();
        var london = days.SelectMany(d => d.Events).Where(e => onUtc.Contains(e.Event.User!.Email!)).ToList();
        var night = london.Count(e => e.Event.OccurredAt!.Value.UtcDateTime.Hour < 7);
        Assert.True(london.Count > 1_000 && night < london.Count * 0.03, $"{night} of {london.Count} events at night");
    }

    [Theory]
    [InlineData(1, 20, 10)]
    [InlineData(2, 20, 10)]
    [InlineData(3, 8, 4)]
    [InlineData(4, 300, 30)]
    public void GenerateDay_AnySeed_EmitsEveryPlantedFinding(int seed, int users, int days)
    {
        var plan = Plan(users, days) with { Seed = seed };
        var generator = new DemoActivityGenerator(plan, DemoPopulation.Create(plan), Now);

        var texts = Enumerable.Range(0, plan.Days).SelectMany(generator.GenerateDay)
            .SelectMany(e => new[] { e.Event.PromptText, e.Event.ResponseText, e.Event.Tool?.Output }).OfType<string>().ToList();

        Assert.All(generator.Plants.All, p => Assert.Contains(texts, t => t.Contains(p.Finding, StringComparison.Ordinal)));
    }

    [Fact]
    public void Create_DefaultPlan_UniqueUsersInEveryTeamWithAllArchetypes()
    {
        var users = DemoPopulation.Create(Plan(users: 300, days: 90));

        Assert.Equal(300, users.Select(u => u.Email).Distinct().Count());
        Assert.Equal(300, users.Select(u => u.Login).Distinct().Count());
        Assert.Equal(DemoTeam.All.Count, users.Select(u => u.Team).Distinct().Count());
        Assert.Equal(Enum.GetValues<DemoArchetype>().Length, users.Select(u => u.Archetype).Distinct().Count());
        Assert.All(users, u => Assert.EndsWith("@" + DemoNames.EmailDomain, u.Email, StringComparison.Ordinal));
    }

    [Fact]
    public void TryResume_EventIdOfAPlan_RecoversSeedAndWindow()
    {
        var plan = Plan(users: 20, days: 10) with { Seed = 12345 };

        var recognised = DemoPlan.TryResume(plan.EventId(3, 42), new DemoOptions { Users = 20, Days = 10 }, out var resumed);

        Assert.True(recognised);
        Assert.Equal(plan, resumed);
        Assert.False(DemoPlan.TryResume("evt-1", new DemoOptions(), out _));
    }

    private static DemoPlan Plan(int users, int days) => DemoPlan.Create(new DemoOptions { Users = users, Days = days }, Now);

    private static List<DemoEvent> GenerateAll(DemoPlan plan)
    {
        var generator = new DemoActivityGenerator(plan, DemoPopulation.Create(plan), Now);
        return [.. Enumerable.Range(0, plan.Days).SelectMany(generator.GenerateDay)];
    }

    private static int ActiveUsers(DemoActivityGenerator generator, int fromDay, int toDay) =>
        Enumerable.Range(fromDay, toDay - fromDay + 1).SelectMany(generator.GenerateDay).Select(e => e.Event.User!.Email).Distinct().Count();

    private static string Serialize(DemoEvent e) => JsonSerializer.Serialize(e);
}
