using System;
using System.Threading;

namespace NetGen;

/// <summary>
/// A piece of a split training step: it runs on a <see cref="Workers"/> thread (or inline, for piece 0), records an
/// exception instead of throwing it there, and signals when it is done.
/// </summary>
internal abstract class WorkItem
{
    // A flag and a monitor on a lock object made up front (a ManualResetEventSlim creates its lock the first time
    // a wait blocks, which put 48 bytes into an arbitrary later step).
    private readonly object _gate = new();
    private bool _done;

    /// <summary>The next item in a worker's queue (intrusive, so queueing allocates nothing).</summary>
    internal WorkItem? Next;

    /// <summary>Whether the item sits in a worker's queue (set and cleared under that worker's lock).</summary>
    internal bool Queued;

    public Exception? Error { get; private set; }

    protected abstract void Run();

    public void Execute()
    {
        Error = null;
        try
        {
            Run();
        }
        catch (Exception e)
        {
            Error = e;
        }
        finally
        {
            lock (_gate)
            {
                _done = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Waits for a queued piece (spinning briefly first: the other half of a step is usually close) and re-arms it.</summary>
    public void Wait()
    {
        // As ManualResetEventSlim does: 35 rounds of spinning and yielding, never sleeping, before blocking.
        var spinner = new SpinWait();
        for (int round = 0; round < 35 && !Volatile.Read(ref _done); round++) spinner.SpinOnce(sleep1Threshold: -1);
        lock (_gate)
        {
            while (!_done) Monitor.Wait(_gate);
            _done = false;
        }
    }
}

/// <summary>
/// NetGen's own background threads for the parts of split training steps: worker i runs the pieces that steps hand to
/// index i, in the order they arrive. They are started on first use and live for the process.
/// </summary>
/// <remarks>
/// Not the .NET thread pool: a piece queued there waits behind whatever else the application has queued (in a busy
/// server, for as long as the pool is saturated), and the pool's heuristics create threads at moments of their own
/// choosing; each creation allocated inside some later training step (263 KB once in a 200-step benchmark).
/// </remarks>
internal static class Workers
{
    private static readonly object s_grow = new();
    private static Worker[] s_workers = [];

    /// <summary>Whether this thread is one of the workers.</summary>
    [ThreadStatic] private static bool t_isWorker;

    /// <summary>
    /// Queues <paramref name="item"/> on worker <paramref name="index"/> (starting workers up to it on first use). On a
    /// worker thread itself (a split step started from inside a piece, e.g. by an optimizer) the item runs inline
    /// instead: queued behind the piece that waits for it, it would never run.
    /// </summary>
    public static void Run(int index, WorkItem item)
    {
        if (t_isWorker)
        {
            item.Execute();
            return;
        }
        var workers = Volatile.Read(ref s_workers);
        if (index >= workers.Length) workers = Grow(index + 1);
        workers[index].Post(item);
    }

    private static Worker[] Grow(int count)
    {
        lock (s_grow)
        {
            if (s_workers.Length < count)
            {
                var grown = new Worker[count];
                Array.Copy(s_workers, grown, s_workers.Length);
                for (int i = s_workers.Length; i < count; i++) grown[i] = new Worker(i);
                Volatile.Write(ref s_workers, grown);
            }
            return s_workers;
        }
    }

    private sealed class Worker
    {
        private readonly object _gate = new();
        private WorkItem? _head, _tail;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NetGen worker {index + 1}" };
            // Unsafe: the thread must not capture the first caller's ExecutionContext (its AsyncLocals) for the process's life.
            thread.UnsafeStart();
        }

        public void Post(WorkItem item)
        {
            lock (_gate)
            {
                // Relinking an item still in the queue would cut off whatever was queued behind it (another trainer's
                // piece, which would then never run): that happens only when one trainer steps on two threads at once.
                if (item.Queued)
                    throw new InvalidOperationException("A step of this trainer is still running on another thread; a Trainer runs one step at a time.");
                item.Queued = true;
                item.Next = null;
                if (_tail is null) _head = item;
                else _tail.Next = item;
                _tail = item;
                Monitor.Pulse(_gate);
            }
        }

        private void Loop()
        {
            t_isWorker = true;
            while (true)
            {
                // In a training loop the next step's piece usually arrives within microseconds: spin a little first.
                var spinner = new SpinWait();
                for (int round = 0; round < 35 && Volatile.Read(ref _head) is null; round++) spinner.SpinOnce(sleep1Threshold: -1);
                WorkItem item;
                lock (_gate)
                {
                    while (_head is null) Monitor.Wait(_gate);
                    item = _head;
                    _head = item.Next;
                    if (_head is null) _tail = null;
                    item.Next = null;
                    item.Queued = false;
                }
                item.Execute();
            }
        }
    }
}
