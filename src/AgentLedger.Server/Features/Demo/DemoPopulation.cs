using System.Globalization;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Builds the demo company's developers from the seed: teams of uneven size, about 15% power users, 45% regulars
/// and 40% occasional users; a third start on the first day and the rest adopt over the window, so active users
/// grow; a few are licensed but never start.
/// </summary>
internal static class DemoPopulation
{
    private static readonly string[] OperatingSystems = ["darwin", "linux", "win32"];

    public static IReadOnlyList<DemoUser> Create(DemoPlan plan)
    {
        var rng = new Random(plan.Seed);
        var teamSizes = DemoTeam.All.Select(t => t.Size).ToArray();
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var logins = new HashSet<string>(StringComparer.Ordinal);
        var users = new List<DemoUser>(plan.Users);
        for (var i = 0; i < plan.Users; i++)
        {
            var first = rng.Pick(DemoNames.First);
            var last = rng.Pick(DemoNames.Last);
            var email = Unique(emails, $"{first}.{last}".ToLowerInvariant(), i) + "@" + DemoNames.EmailDomain;
            var login = Unique(logins, $"{first[0]}{last}".ToLowerInvariant(), i);
            var teamIndex = rng.WeightedIndex(teamSizes);
            var team = DemoTeam.All[teamIndex];
            var archetype = NextArchetype(rng);
            var os = OperatingSystems[rng.WeightedIndex([0.65, 0.25, 0.10])];
            var primary = NextAgent(rng, null);
            var name = $"{first} {last}";
            users.Add(new DemoUser
            {
                Email = email,
                DisplayName = name,
                Login = login,
                Team = team,
                Archetype = archetype,
                StartDay = NextStartDay(rng, archetype, plan.Days),
                VacationStart = plan.Days >= 28 && rng.Chance(0.4) ? rng.Next(plan.Days) : -1,
                PrimaryAgent = primary,
                SecondaryAgent = rng.Chance(archetype == DemoArchetype.Power ? 0.6 : 0.25) ? NextAgent(rng, primary) : null,
                SurfaceWeights = SurfaceWeights(rng, archetype, team, os),
                UpgradeLagDays = rng.Next(0, 21),
                OperatingSystem = os,
                ClientIp = string.Create(CultureInfo.InvariantCulture, $"10.{20 + (i / 250 % 200)}.{teamIndex}.{2 + (i % 250)}"),
                WritesKorean = team.WritesKorean && rng.Chance(0.6),
                Identity = new NativeEventUser { Email = email, Name = name },
                CodexIdentity = new NativeEventUser { Email = email, Name = name, AccountId = rng.NextGuid().ToString() },
                GitHubIdentity = new NativeEventUser { Email = email, Name = name, Login = login },
            });
        }

        return users;
    }

    private static string Unique(HashSet<string> taken, string candidate, int index) =>
        taken.Add(candidate) ? candidate : Unique(taken, candidate + index.ToString(CultureInfo.InvariantCulture), index + 1);

    private static DemoArchetype NextArchetype(Random rng) =>
        rng.NextDouble() switch
        {
            < 0.15 => DemoArchetype.Power,
            < 0.60 => DemoArchetype.Regular,
            _ => DemoArchetype.Occasional,
        };

    private static Agent NextAgent(Random rng, Agent? other)
    {
        Agent[] agents = [Agent.Codex, Agent.ClaudeCode, Agent.GeminiCli];
        double[] shares = [0.5, 0.35, 0.15];
        Agent agent;
        do
        {
            agent = agents[rng.WeightedIndex(shares)];
        }
        while (agent == other);

        return agent;
    }

    /// <summary>Early adopters start on day 0, the rest spread over the window, and some never start.</summary>
    private static int NextStartDay(Random rng, DemoArchetype archetype, int days)
    {
        var (early, never) = archetype switch
        {
            DemoArchetype.Power => (0.65, 0.0),
            DemoArchetype.Regular => (0.35, 0.03),
            _ => (0.2, 0.12),
        };
        var draw = rng.NextDouble();
        if (draw < early)
        {
            return 0;
        }

        return draw < early + never ? int.MaxValue : 1 + (int)(rng.NextDouble() * days * 0.9);
    }

    private static double[] SurfaceWeights(Random rng, DemoArchetype archetype, DemoTeam team, string os)
    {
        var (cli, ide, cloud, sdk) = archetype switch
        {
            DemoArchetype.Power => (3.0, 1.6, 1.0, rng.Chance(0.35) ? 0.3 : 0.0),
            DemoArchetype.Regular => (1.4, 2.4, 0.45, 0.0),
            _ => (0.7, 2.8, 0.25, 0.0),
        };
        var jetBrains = rng.Chance(team.JetBrainsShare);
        var desktop = os == "linux" ? 0.0 : rng.Chance(0.3) ? 1.0 : 0.1;
        var weights = new double[6];
        weights[(int)DemoSurfaceChoice.Cli] = cli * rng.Between(0.5, 1.5);
        weights[(int)DemoSurfaceChoice.VsCode] = (jetBrains ? 0.15 : 1.0) * ide * rng.Between(0.5, 1.5);
        weights[(int)DemoSurfaceChoice.JetBrains] = (jetBrains ? 1.0 : 0.05) * ide * rng.Between(0.5, 1.5);
        weights[(int)DemoSurfaceChoice.Desktop] = desktop * rng.Between(0.5, 1.5);
        weights[(int)DemoSurfaceChoice.Cloud] = cloud * rng.Between(0.5, 1.5);
        weights[(int)DemoSurfaceChoice.Sdk] = sdk;
        return weights;
    }
}
