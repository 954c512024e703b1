using System.Diagnostics.Metrics;

namespace AgentLedger.Benchmarks;

/// <summary>The meters the writer creates, without a DI container; disposed with the benchmark case.</summary>
internal sealed class BenchMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
