using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// One synthetic developer: who they are, when they start using agents (adoption grows over the window), how much
/// and where they work. Derived from the seed only, so every run builds the same people.
/// </summary>
internal sealed record DemoUser
{
    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>GitHub login: code-review events carry it beside the e-mail, so the directory links both to one user.</summary>
    public required string Login { get; init; }

    public required DemoTeam Team { get; init; }

    public required DemoArchetype Archetype { get; init; }

    /// <summary>Day index of the first agent use; <see cref="int.MaxValue"/> for someone licensed who never starts.</summary>
    public required int StartDay { get; init; }

    /// <summary>First day of a week off, or -1.</summary>
    public required int VacationStart { get; init; }

    public required Agent PrimaryAgent { get; init; }

    public Agent? SecondaryAgent { get; init; }

    /// <summary>Relative preference per <see cref="DemoSurfaceChoice"/> (indexed by its value).</summary>
    public required IReadOnlyList<double> SurfaceWeights { get; init; }

    /// <summary>Days behind the newest client release this user usually runs.</summary>
    public required int UpgradeLagDays { get; init; }

    /// <summary><c>darwin</c>, <c>linux</c> or <c>win32</c>.</summary>
    public required string OperatingSystem { get; init; }

    public required string ClientIp { get; init; }

    public required bool WritesKorean { get; init; }

    /// <summary>How events of this user identify them (e-mail and name).</summary>
    public required NativeEventUser Identity { get; init; }

    /// <summary>As Codex clients identify a signed-in user: e-mail plus ChatGPT account id.</summary>
    public required NativeEventUser CodexIdentity { get; init; }

    /// <summary>As a code-review bot identifies a pull-request author or commenter: e-mail plus GitHub login.</summary>
    public required NativeEventUser GitHubIdentity { get; init; }

    public TimeSpan UtcOffset => TimeSpan.FromMinutes(Team.UtcOffsetMinutes);

    public bool IsActiveOn(int dayIndex) =>
        dayIndex >= StartDay && (VacationStart < 0 || dayIndex < VacationStart || dayIndex >= VacationStart + 7);
}
