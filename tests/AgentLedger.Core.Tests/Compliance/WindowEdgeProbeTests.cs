using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Tests.Compliance;

public sealed class WindowEdgeProbeTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = From.AddDays(1);

    [Fact]
    public void First_EdgeRecordsBeforeTheWindow_NarrowTheRangePastThem()
    {
        var edge = new WindowEdgeProbe(From, Before, afterSeq: 100, uptoSeq: 1_000, last: false);

        Assert.False(edge.InWindow(101, From.AddTicks(-1)));
        Assert.False(edge.InWindow(102, Before));
        Assert.True(edge.InWindow(103, From));
        Assert.Equal((102L, 1_000L), (edge.AfterSeq, edge.UptoSeq));
    }

    [Fact]
    public void Last_EdgeRecordsAfterTheWindow_NarrowTheRangeBelowThem()
    {
        var edge = new WindowEdgeProbe(From, Before, afterSeq: 100, uptoSeq: 1_000, last: true);

        Assert.False(edge.InWindow(1_000, Before.AddDays(3)));
        Assert.False(edge.InWindow(999, Before));
        Assert.True(edge.InWindow(998, Before.AddTicks(-1)));
        Assert.Equal((100L, 998L), (edge.AfterSeq, edge.UptoSeq));
    }

    [Fact]
    public void SawWholeRange_FewerEdgeRecordsThanTheProbeSize_NeedsNoIndexSearch()
    {
        var edge = new WindowEdgeProbe(From, Before, afterSeq: 0, uptoSeq: 10, last: false);
        for (var seq = 1; seq <= 10; seq++)
        {
            Assert.False(edge.InWindow(seq, From.AddDays(-1)));
        }

        Assert.True(edge.SawWholeRange);
        Assert.True(edge.RangeIsEmpty);
    }

    [Fact]
    public void SawWholeRange_AFullProbeOutsideTheWindow_LeavesTheRestToTheIndex()
    {
        var edge = new WindowEdgeProbe(From, null, afterSeq: 0, uptoSeq: 1_000, last: false);
        for (var seq = 1; seq <= WindowEdgeProbe.Size; seq++)
        {
            Assert.False(edge.InWindow(seq, From.AddDays(-1)));
        }

        Assert.False(edge.SawWholeRange);
        Assert.Equal((WindowEdgeProbe.Size, 1_000L), (edge.AfterSeq, edge.UptoSeq));
    }

    [Fact]
    public void OpenBounds_EveryRecordIsInTheWindow()
    {
        var edge = new WindowEdgeProbe(null, null, afterSeq: 0, uptoSeq: 5, last: false);

        Assert.True(edge.InWindow(1, DateTimeOffset.MinValue));
        Assert.True(new WindowEdgeProbe(null, null, afterSeq: 5, uptoSeq: 5, last: true).RangeIsEmpty);
    }
}
