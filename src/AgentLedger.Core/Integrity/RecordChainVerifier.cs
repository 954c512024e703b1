namespace AgentLedger.Core.Integrity;

/// <summary>
/// Recomputes a workspace's hash chain from its stored records and says precisely what is wrong. Each link is checked
/// against the stored hash of the record before it, so one changed record is named alone instead of breaking
/// everything after it. Records that fail are kept (a bounded number) and tested in pairs: two records that each
/// verify only at the other's seq were reordered. Anchors (the workspace head, each sealed log file's head) catch a
/// rewrite that recomputed every hash after a change. Memory stays flat: records are read a page at a time.
/// </summary>
public sealed class RecordChainVerifier(IRecordChainStore store)
{
    public const int MaxProblems = 1000;
    private const int PageSize = 1000;
    private const int MaxSuspects = 200;

    /// <summary>Verifies the workspace; null when it does not exist.</summary>
    public async Task<ChainVerification?> VerifyAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var state = await store.ReadStateAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var walk = new Walk(state);
        var after = state.PurgedThroughSeq;
        while (true)
        {
            var page = await store.ReadAfterSeqAsync(workspaceId, after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                walk.Visit(row);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Record.Seq;
        }

        return walk.Finish(workspaceId);
    }

    /// <summary>The state of one pass over the records.</summary>
    private sealed class Walk
    {
        private readonly ChainState _state;
        private readonly Dictionary<long, List<ChainAnchor>> _anchorsBySeq;
        private readonly Dictionary<long, byte[]> _storedAtAnchor = [];
        private readonly List<Suspect> _suspects = [];
        private readonly List<ChainProblem> _problems = [];
        private long _expected;
        private byte[]? _previous;
        private long _checked;
        private long _purged;
        private byte[]? _lastHash;
        private bool _truncated;

        public Walk(ChainState state)
        {
            _state = state;
            _anchorsBySeq = state.Anchors.Where(a => a.Seq > state.PurgedThroughSeq)
                .GroupBy(a => a.Seq).ToDictionary(g => g.Key, g => g.ToList());
            _expected = state.PurgedThroughSeq + 1;
            _previous = state.PurgedThroughSeq == 0 ? RecordChain.Genesis.ToArray() : state.PurgedThroughSha256;
        }

        public void Visit(ChainedRecord row)
        {
            var seq = row.Record.Seq;
            if (seq > _expected)
            {
                Add(new ChainProblem(ChainProblemKind.Missing, _expected, seq - 1, MissingDetail(_expected, seq - 1)));
                _previous = null;
            }

            _expected = seq + 1;
            _checked++;
            if (row.ChainSha256 is null || row.ContentSha256 is null)
            {
                Add(new ChainProblem(ChainProblemKind.Unchained, seq, null, "record has no stored hashes"));
                _previous = null;
                return;
            }

            if (_anchorsBySeq.ContainsKey(seq))
            {
                _storedAtAnchor[seq] = row.ChainSha256;
            }

            byte[] content;
            bool contentOk;
            if (row.ContentPurged)
            {
                _purged++;
                content = row.ContentSha256;
                contentOk = !RecordChain.HasContent(row.Record);
            }
            else
            {
                content = RecordChain.ContentHash(row.Record);
                contentOk = content.AsSpan().SequenceEqual(row.ContentSha256);
            }

            var linkOk = _previous is not null && RecordChain.Link(_previous, row.Record, content).AsSpan().SequenceEqual(row.ChainSha256);
            if (!contentOk || (!linkOk && _previous is not null))
            {
                var suspect = new Suspect(row.Record, content, row.ChainSha256, _previous, contentOk);
                if (_suspects.Count < MaxSuspects)
                {
                    _suspects.Add(suspect);
                }
                else
                {
                    Add(suspect.AsModified());
                }
            }

            _previous = row.ChainSha256;
            _lastHash = row.ChainSha256;
        }

        public ChainVerification Finish(string workspaceId)
        {
            if (_expected <= _state.LastSeq)
            {
                Add(new ChainProblem(ChainProblemKind.Missing, _expected, _state.LastSeq, MissingDetail(_expected, _state.LastSeq)));
                _lastHash = null;
            }

            ResolveSuspects();
            var anchorsChecked = 0;
            foreach (var (seq, anchors) in _anchorsBySeq)
            {
                foreach (var anchor in anchors)
                {
                    anchorsChecked++;
                    if (_storedAtAnchor.TryGetValue(seq, out var stored) && !stored.AsSpan().SequenceEqual(anchor.ChainSha256))
                    {
                        Add(new ChainProblem(ChainProblemKind.AnchorMismatch, seq, null,
                            $"{anchor.Source} holds a different chain hash than the record at seq {seq}: records up to it were rewritten"));
                    }
                }
            }

            var ordered = _problems.OrderBy(p => p.Seq).ThenBy(p => p.Kind).ToList();
            return new ChainVerification(
                workspaceId, ordered.Count == 0, _checked, _purged, _state.PurgedThroughSeq, _state.LastSeq,
                _lastHash is null ? null : Convert.ToHexStringLower(_lastHash), anchorsChecked, ordered, _truncated);
        }

        /// <summary>
        /// Explains failed records: first as swapped pairs (each verifies at the other's seq, given the hashes that
        /// stood before each seq originally), then their neighbours re-checked against the swapped-in hashes, and
        /// whatever is left as modified.
        /// </summary>
        private void ResolveSuspects()
        {
            var bySeq = _suspects.ToDictionary(s => s.Record.Seq);
            var explained = new HashSet<long>();
            var originalHashAt = new Dictionary<long, byte[]>();
            foreach (var p in _suspects)
            {
                foreach (var q in _suspects)
                {
                    var (a, b) = (p.Record.Seq, q.Record.Seq);
                    if (a >= b || explained.Contains(a) || explained.Contains(b) || !p.ContentOk || !q.ContentOk)
                    {
                        continue;
                    }

                    // Under the hypothesis, the hash before b is the stored one at b - 1, unless that is a itself
                    // (adjacent records), whose original hash now sits in q's row.
                    var beforeB = b - 1 == a ? q.Stored : q.Previous;
                    var beforeA = p.Previous;
                    if (beforeA is not null && beforeB is not null
                        && Verifies(beforeB, p, b) && Verifies(beforeA, q, a))
                    {
                        explained.Add(a);
                        explained.Add(b);
                        originalHashAt[a] = q.Stored;
                        originalHashAt[b] = p.Stored;
                        Add(new ChainProblem(ChainProblemKind.Reordered, a, b, $"the records at seq {a} and seq {b} trade places"));
                    }
                }
            }

            foreach (var s in _suspects)
            {
                var seq = s.Record.Seq;
                if (explained.Contains(seq))
                {
                    continue;
                }

                // A record right after a swapped one failed only because its predecessor's hash moved.
                if (s.ContentOk && originalHashAt.TryGetValue(seq - 1, out var before) && Verifies(before, s, seq))
                {
                    continue;
                }

                Add(s.AsModified());
            }

            foreach (var (seq, hash) in originalHashAt)
            {
                if (_storedAtAnchor.ContainsKey(seq))
                {
                    _storedAtAnchor[seq] = hash;
                }
            }

            if (bySeq.Count > 0 && originalHashAt.TryGetValue(_state.LastSeq, out var last))
            {
                _lastHash = last;
            }
        }

        private static bool Verifies(byte[] previous, Suspect suspect, long atSeq) =>
            RecordChain.Link(previous, suspect.Record with { Seq = atSeq }, suspect.Content).AsSpan().SequenceEqual(suspect.Stored);

        private void Add(ChainProblem problem)
        {
            if (_problems.Count < MaxProblems)
            {
                _problems.Add(problem);
            }
            else
            {
                _truncated = true;
            }
        }

        private static string MissingDetail(long from, long to) =>
            from == to ? $"the record at seq {from} is missing" : $"the records at seq {from} to {to} are missing";
    }

    private sealed record Suspect(Records.ActivityRecord Record, byte[] Content, byte[] Stored, byte[]? Previous, bool ContentOk)
    {
        public ChainProblem AsModified() => new(
            ChainProblemKind.Modified, Record.Seq, null,
            ContentOk
                ? $"the record at seq {Record.Seq} no longer matches its chain hash (metadata changed)"
                : $"the content of the record at seq {Record.Seq} no longer matches its stored content hash");
    }
}
