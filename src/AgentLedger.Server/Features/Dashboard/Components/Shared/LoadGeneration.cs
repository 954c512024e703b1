namespace AgentLedger.Server.Features.Dashboard.Components.Shared;

/// <summary>
/// Numbers a component's loads so that one finishing after a newer one started is dropped. The dashboard's reads run
/// side by side on the thread pool (<see cref="Data.DashboardApi"/>), so the first load's answer (the default sort, the
/// previous window) can arrive after the answer to the user's click and must not replace it. Used on the circuit's
/// synchronization context only, so it needs no locking.
/// </summary>
public sealed class LoadGeneration
{
    private int _latest;

    /// <summary>Starts a load: every load started before it is stale from now on.</summary>
    public int Start() => ++_latest;

    /// <summary>Whether <paramref name="load"/> is still the latest, i.e. its answer may be shown.</summary>
    public bool IsLatest(int load) => load == _latest;
}
