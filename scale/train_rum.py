#!/usr/bin/env python3
"""Item-level RUM (Chen et al., WSDM 2018) in PyTorch, trained with DistributedDataParallel.

The RUM workbench's model, data split, training examples, loss, optimiser, validation and test
protocol, for logs that outgrow one machine; the model file it writes is the workbench's own
`export-model` format, which `rum-workbench import-model` brings back for explanation.
See scale/README.md for how to run it; docs/model.md and docs/protocol.md for the maths.

    /usr/bin/python3 scale/train_rum.py --store wb.db --dataset 1 --out model.json
    torchrun --nproc_per_node 2 scale/train_rum.py --store wb.db --dataset 1 --out model.json
    /usr/bin/python3 scale/train_rum.py --csv log.csv --bench --threads 1 --epochs 3

What mirrors the workbench exactly (file: the workbench's source it follows):
- the user filter and the time-ordered split, ties in file order (core/dataset/split.ts);
- the user and item order of the model (split.userOf / split.itemOf), so rows are comparable;
- the fitting / validation cut, the training examples (every position of every fitting part),
  the memory (the up-to-K purchases before the position, oldest first), one positive and
  `negatives` items drawn uniformly from those the user never bought in the training part,
  redrawn up to 100 times (core/train/examples.ts);
- the loss: BCE with logits per (example, candidate) pair plus l2 times the squared norm of
  every row occurrence (user, each candidate, each filled memory slot; memory only when
  alpha != 0), all scaled by 1 / (B * C) for a batch of B examples of C candidates
  (core/model/rum-item/kernel.ts);
- lazy Adam (TF LazyAdam semantics): torch.optim.SparseAdam on sparse embedding gradients
  decays a row's moments only on steps that touch it, with the bias correction of the global
  step, lr_t = lr sqrt(1 - b2^t) / (1 - b1^t), eps added to sqrt(v) -- exactly kernel.ts's
  SparseAdam (b1 0.9, b2 0.999, eps 1e-8);
- Gaussian initialisation with sd initScale, items before users;
- validation NDCG@n after every epoch on the same seeded sample of at most validationUsers
  users, the best epoch's weights kept, patience epochs without a better one stop training
  (core/train/trainer.ts);
- the test metrics (precision, recall, f1, hr, ndcg at n, users) by the paper's full ranking as
  `rum-workbench evaluate` computes them: every item not bought in the training part, memory at
  its end, logits in float64 rounded to float32, equal scores ranked lower item index first,
  metrics per user then averaged in user order (core/train/protocol.ts, core/eval/metrics.ts,
  core/model/rum-item/rank-pruned.ts). The ranking prunes by the same bound the workbench uses
  and scores every item that could enter the top n exactly, so the lists are the workbench's.

What differs (also in scale/README.md):
- random numbers: by default torch's generator (randperm, randint, randn), so a seed gives a
  different (equally distributed) run than the workbench's mulberry32 stream. `--sampler
  workbench` replays the workbench's own stream (initialisation, shuffles and negatives) for a
  run that follows the workbench's `train --threads 1` step by step (up to float rounding); it
  samples in plain Python and is slower.
- arithmetic: float32 tensors throughout training (the workbench's kernel sums a batch's
  gradients in float64 before its float32 update); runs drift apart by rounding over epochs.
- DistributedDataParallel: --batch-size is the GLOBAL batch (one optimiser step, as in the
  workbench); each of the N processes computes the gradient of its 1/N share and DDP sums them,
  so the step is the workbench's whatever N is. Every process draws the same shuffle and
  negatives, so N changes only float rounding, never the data a step sees.
- NCCL takes no sparse gradients: on CUDA the embeddings give dense gradients, DDP all-reduces
  them, and only the rows the global batch touched are handed to SparseAdam (the same lazy
  step). `--dense-grads` takes that path on CPU too.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import math
import os
import re
import sqlite3
import sys
import time
import urllib.parse
import warnings

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

# The workbench's defaults (src-main/core/train/config.ts DEFAULT_CONFIG).
DEFAULTS = {
    "dim": 32,
    "slots": 20,
    "alpha": 0.2,
    "beta": 1.0,
    "epochs": 100,
    "lr": 0.005,
    "l2": 1e-4,
    "negatives": 1,
    "batchSize": 512,
    "seed": 1,
    "minUserEvents": 10,
    "trainPercent": 70,
    "validationPercent": 10,
    "validationUsers": 1000,
    "patience": 10,
    "initScale": 0.1,
    "n": 5,
}
# Adam's constants in kernel.ts's SparseAdam (and torch's SparseAdam defaults).
ADAM_BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8
# Negatives drawn again at most this often when they hit a bought item (examples.ts).
NEGATIVE_TRIES = 100
# The schema this reader knows (src-main/store/migrations.ts, MIGRATIONS.length). It reads only
# datasets, users, items and events (migration 1); a newer store is read with a note.
KNOWN_SCHEMA = 5
FORMULA = (
    "logit = p*_u . q_i + alpha * sum_k z_k (m_k . q_i), z = softmax_k(beta * q_i . m_k), "
    "m_k = q of the k-th of the last K purchases; score = sigmoid(logit)"
)
M32 = 0xFFFFFFFF
# scatter_reduce (the split's first-sight order) is stable API in later torch; 1.13 calls it beta.
warnings.filterwarnings("ignore", message="scatter_reduce")


class InputError(Exception):
    """Bad input: exit 2, as the workbench's CLI does (docs/contract.md)."""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# The workbench's random numbers (src-main/core/random.ts: mulberry32 after a splitmix scramble).
# Used always for the validation sample (trainer.ts sampleUsers), and with --sampler workbench
# for initialisation, shuffles and negatives. mulberry32's state is a counter, so a run of draws
# can also be made at once on tensors (draws()).


class WorkbenchRng:
    STEP = 0x6D2B79F5

    def __init__(self, seed: int):
        s = ((seed & M32) ^ 0x9E3779B9) & M32
        s = ((s ^ (s >> 16)) * 0x85EBCA6B) & M32
        s = ((s ^ (s >> 13)) * 0xC2B2AE35) & M32
        self.state = (s ^ (s >> 16)) & M32

    def next(self) -> float:
        self.state = t = (self.state + self.STEP) & M32
        t = ((t ^ (t >> 15)) * (t | 1)) & M32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & M32)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    def int(self, n: int) -> int:
        return int(self.next() * n)

    def draws(self, count: int) -> torch.Tensor:
        """The next `count` values of next() as a float64 tensor (the same numbers, at once)."""
        k = torch.arange(1, count + 1, dtype=torch.int64)
        t = (self.state + k * self.STEP) & M32
        self.state = (self.state + count * self.STEP) & M32
        t = _mul32(t ^ (t >> 15), t | 1)
        t = t ^ ((t + _mul32(t ^ (t >> 7), t | 61)) & M32)
        return ((t ^ (t >> 14)) & M32).to(torch.float64) / 4294967296.0

    def normals(self, count: int) -> torch.Tensor:
        """`count` draws of normal() (Box-Muller, two uniforms each) in float64."""
        uv = self.draws(2 * count).view(count, 2)
        u = 1 - uv[:, 0]
        v = uv[:, 1]
        return torch.sqrt(-2 * torch.log(u)) * torch.cos(2 * math.pi * v)

    def shuffle(self, xs: list) -> list:
        """In-place Fisher-Yates, as Rng.shuffle (one draw per position, from the end)."""
        n = len(xs)
        if n < 2:
            return xs
        u = self.draws(n - 1)
        sizes = torch.arange(n, 1, -1, dtype=torch.float64)  # i + 1 for i = n-1 .. 1
        js = torch.floor(u * sizes).to(torch.int64).tolist()
        for step, j in enumerate(js):
            i = n - 1 - step
            xs[i], xs[j] = xs[j], xs[i]
        return xs


def _mul32(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Math.imul's low 32 bits for uint32 values held in int64 (no int64 overflow)."""
    lo = a & 0xFFFF
    hi = a >> 16
    return (lo * b + (((hi * b) & 0xFFFF) << 16)) & M32


def sample_users(users: int, most: int, seed: int) -> list[int]:
    """trainer.ts sampleUsers: up to `most` user indices, a seeded sample in increasing order."""
    all_users = list(range(users))
    if users <= most:
        return all_users
    return sorted(WorkbenchRng(seed ^ 0x5EED).shuffle(all_users)[:most])


# ------------------------------------------------------------------------------------------------
# Input: the workbench's store, or a plain CSV log.


class Log:
    """A dataset's events in file order (src-main/core/dataset/split.ts Interactions)."""

    def __init__(self, user, item, time_ms, user_ids, item_ids, titles, dataset_id=None, name=None):
        self.user = user  # int64 tensor, dataset user index per event
        self.item = item
        self.time = time_ms  # float64 tensor, NaN where the file had no time
        self.user_ids = user_ids
        self.item_ids = item_ids
        self.titles = titles
        self.dataset_id = dataset_id
        self.name = name


def read_store(path: str, dataset_id: int) -> Log:
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such store")
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as e:
        raise InputError(f"{path}: cannot open the store read-only ({e})")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"datasets", "users", "items", "events"} <= tables:
            raise InputError(f"{path} is not a RUM workbench store (no datasets/events tables)")
        if version > KNOWN_SCHEMA:
            log(f"note: {path} has schema {version}, newer than the {KNOWN_SCHEMA} this script knows; reading it anyway")
        row = db.execute("SELECT users, items, events, name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
        if row is None:
            raise InputError(f"no dataset {dataset_id} in {path} (see: rum-workbench datasets)")
        n_users, n_items, n_events, name = row
        user_ids = [r[0] for r in db.execute("SELECT ext_id FROM users WHERE dataset_id = ? ORDER BY idx", (dataset_id,))]
        items = db.execute("SELECT ext_id, title FROM items WHERE dataset_id = ? ORDER BY idx", (dataset_id,)).fetchall()
        user = torch.empty(n_events, dtype=torch.int64)
        item = torch.empty(n_events, dtype=torch.int64)
        tms = torch.empty(n_events, dtype=torch.float64)
        # A page of seq numbers at a time, one JSON array per column (store/event-pages.ts does
        # the same: far faster than building a row object per event).
        page_size = 1 << 16
        read = 0
        query = (
            "SELECT json_group_array(seq), json_group_array(user_idx), json_group_array(item_idx), "
            "json_group_array(time_ms) FROM events WHERE dataset_id = ? AND seq >= ? AND seq < ?"
        )
        for start in range(0, n_events, page_size):
            seq_j, user_j, item_j, time_j = db.execute(query, (dataset_id, start, start + page_size)).fetchone()
            seq = torch.tensor(json.loads(seq_j), dtype=torch.int64)
            if seq.numel() == 0:
                continue
            user[seq] = torch.tensor(json.loads(user_j), dtype=torch.int64)
            item[seq] = torch.tensor(json.loads(item_j), dtype=torch.int64)
            tms[seq] = torch.tensor([math.nan if t is None else float(t) for t in json.loads(time_j)], dtype=torch.float64)
            read += seq.numel()
        if read != n_events:
            raise InputError(f"dataset {dataset_id} should hold {n_events} events but holds {read}: a damaged store")
        if len(user_ids) != n_users or len(items) != n_items:
            raise InputError(f"dataset {dataset_id}: the users or items table does not match its counts: a damaged store")
    finally:
        db.close()
    return Log(user, item, tms, user_ids, [r[0] for r in items], [r[1] for r in items], dataset_id, name)


# Header names by meaning, as the workbench's import maps them (docs/contract.md "Import formats").
HEADER_NAMES = {
    "user": {"user", "user_id", "userid", "reviewerid"},
    "item": {"item", "item_id", "itemid", "movieid", "asin", "product_id"},
    "rating": {"rating", "overall"},
    "timestamp": {"timestamp", "time", "unixreviewtime", "ts", "date"},
}
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
MS_THRESHOLD = 1e11
MAX_TIME_MS = 4102444800000.0  # Date.UTC(2100, 0, 1)


def parse_number(cell: str):
    s = cell.strip()
    if not NUMBER.match(s):
        return None
    v = float(s)
    return v if math.isfinite(v) else None


def parse_timestamp(cell: str):
    """src-main/core/dataset/values.ts parseTimestamp: unix s, unix ms (from 1e11) or ISO-8601, as ms."""
    s = cell.strip()
    n = parse_number(s)
    if n is not None:
        return n if abs(n) >= MS_THRESHOLD else n * 1000
    m = ISO_DATE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    h, mi, sec = int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0)
    frac, zone = m.group(7) or "", m.group(8)
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and sec <= 60):
        return None
    try:
        # Second 60 passes the regex check but Date.parse refuses it, so the workbench does too.
        base = datetime.datetime(y, mo, d, h, mi, sec, tzinfo=datetime.timezone.utc)
    except ValueError:
        return None  # 2023-02-30: Date.parse would roll it over, the workbench refuses it
    offset = 0
    if zone and zone != "Z":
        z = zone if ":" in zone else zone[:3] + ":" + zone[3:]
        offset = (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[4:6])) * 60000
    ms = math.floor((base.timestamp() * 1000) + (float(frac) * 1000 if frac else 0)) - offset
    return float(ms)


def read_csv(path: str) -> Log:
    """A plain log with a header (user, item, timestamp, optionally rating, by the workbench's names).
    Every row is one event; a row equal in user, item and time to an earlier one is dropped, as the
    workbench's import counts it under skipped.duplicate and stores it once."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})")
    users: dict[str, int] = {}
    items: dict[str, int] = {}
    u_col: list[int] = []
    i_col: list[int] = []
    t_col: list[float] = []
    seen: set = set()
    dropped = 0
    with f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}: empty file")
        cols = {}
        for k, name in enumerate(header):
            key = name.strip().lower()
            for meaning, names in HEADER_NAMES.items():
                if key in names and meaning not in cols:
                    cols[meaning] = k
        if "user" not in cols or "item" not in cols:
            raise InputError(f"{path}: line 1: the header must name a user and an item column (user,item,timestamp[,rating]), got {','.join(header)}")
        cu, ci, ct, cr = cols["user"], cols["item"], cols.get("timestamp"), cols.get("rating")
        width = len(header)
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and row[0].strip() == ""):
                continue
            if len(row) != width:
                raise InputError(f"{path}: line {line}: {len(row)} fields, the header has {width}")
            uid, iid = row[cu].strip(), row[ci].strip()
            if not uid or not iid:
                raise InputError(f"{path}: line {line}: the {'user' if not uid else 'item'} id is empty")
            if cr is not None and parse_number(row[cr]) is None:
                raise InputError(f'{path}: line {line}: the rating "{row[cr]}" is not a number')
            t = math.nan
            if ct is not None:
                parsed = parse_timestamp(row[ct])
                if parsed is None:
                    raise InputError(f'{path}: line {line}: "{row[ct]}" is not a timestamp (want unix seconds, unix milliseconds or an ISO-8601 date)')
                if not (0 <= parsed <= MAX_TIME_MS):
                    raise InputError(f'{path}: line {line}: the time "{row[ct]}" is outside the accepted range 1970-01-01 to 2100-01-01 (UTC)')
                t = parsed
            u = users.setdefault(uid, len(users))
            i = items.setdefault(iid, len(items))
            key = (u, i, None if math.isnan(t) else t)
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            u_col.append(u)
            i_col.append(i)
            t_col.append(t)
    if dropped:
        log(f"{path}: {dropped} duplicate rows (same user, item and time as an earlier row) dropped, as the workbench's import does")
    return Log(
        torch.tensor(u_col, dtype=torch.int64),
        torch.tensor(i_col, dtype=torch.int64),
        torch.tensor(t_col, dtype=torch.float64),
        list(users),
        list(items),
        [None] * len(items),
        None,
        os.path.basename(path),
    )


# ------------------------------------------------------------------------------------------------
# The split (src-main/core/dataset/split.ts timeOrderedSplit) and the examples (train/examples.ts).


class Split:
    def __init__(self, data: Log, min_user_events: int, train_percent: float):
        n_users, n_items = len(data.user_ids), len(data.item_ids)
        counts = torch.bincount(data.user, minlength=n_users)
        keep = counts >= min_user_events
        self.user_of = torch.nonzero(keep).flatten()  # split user -> dataset user, dataset order
        user_index = torch.full((n_users,), -1, dtype=torch.int64)
        user_index[self.user_of] = torch.arange(self.user_of.numel())
        ev = torch.nonzero(keep[data.user]).flatten()  # the kept users' events, in file order
        su = user_index[data.user[ev]]
        tk = torch.nan_to_num(data.time[ev], nan=0.0)  # split.ts timeKey: no time sorts as 0
        # By user, then time, equal times in file order: two stable sorts.
        o1 = torch.sort(tk, stable=True).indices
        o2 = torch.sort(su[o1], stable=True).indices
        order = o1[o2]
        items_sorted = data.item[ev[order]]
        # Items are numbered in order of first sight along the users' time-ordered sequences.
        pos = torch.arange(items_sorted.numel(), dtype=torch.int64)
        big = items_sorted.numel() + 1
        first = torch.full((n_items,), big, dtype=torch.int64).scatter_reduce(0, items_sorted, pos, reduce="amin")
        present = torch.nonzero(first < big).flatten()
        self.item_of = present[torch.argsort(first[present])]
        item_index = torch.full((n_items,), -1, dtype=torch.int64)
        item_index[self.item_of] = torch.arange(self.item_of.numel())
        self.items = item_index[items_sorted]  # every kept event, user by user, time-ordered
        self.seq_len = counts[self.user_of]
        self.seq_start = torch.cumsum(self.seq_len, 0) - self.seq_len
        # floor(n * p / 100) in the same float64 arithmetic as split.ts trainLength.
        self.train_len = torch.floor(self.seq_len.to(torch.float64) * float(train_percent) / 100).to(torch.int64)
        self.n_users = self.user_of.numel()
        self.n_items = self.item_of.numel()
        self.events = self.items.numel()
        self._lists = None

    def sequences(self) -> list[list[int]]:
        """Each user's items in time order, as Python lists (for evaluation and --sampler workbench)."""
        if self._lists is None:
            flat = self.items.tolist()
            starts = self.seq_start.tolist()
            lens = self.seq_len.tolist()
            self._lists = [flat[s : s + n] for s, n in zip(starts, lens)]
        return self._lists


def fit_ends(split: Split, validation_percent: float) -> torch.Tensor:
    """examples.ts fitEnds: the last validationPercent of each training part (>= 1 event) is held out."""
    tl = split.train_len
    if validation_percent <= 0:
        return tl.clone()
    held = torch.clamp(torch.floor(tl.to(torch.float64) * float(validation_percent) / 100).to(torch.int64), min=1)
    return torch.where(tl - held >= 1, tl - held, tl)


class Examples:
    """Every (user, position) of every fitting part, in user then position order (ExampleSampler)."""

    def __init__(self, split: Split, fit_end: torch.Tensor, slots: int, negatives: int, use_memory: bool):
        self.split = split
        self.K = slots if use_memory else 0
        self.C = 1 + negatives
        self.n_items = split.n_items
        users = torch.arange(split.n_users, dtype=torch.int64)
        self.user = torch.repeat_interleave(users, fit_end)
        starts = torch.cumsum(fit_end, 0) - fit_end
        self.pos = torch.arange(self.user.numel(), dtype=torch.int64) - torch.repeat_interleave(starts, fit_end)
        self.flat = self.split.seq_start[self.user] + self.pos  # position in split.items
        self.size = self.user.numel()
        # What each user bought in the whole training part, validation included (examples.ts):
        # keys user * nItems + item, sorted, for a vectorised membership test.
        owner = torch.repeat_interleave(users, split.seq_len)
        step = torch.arange(split.events, dtype=torch.int64) - split.seq_start[owner]
        in_train = step < split.train_len[owner]
        self.bought_keys = torch.unique(owner[in_train] * self.n_items + split.items[in_train])
        self._bought_sets = None

    def bought_sets(self) -> list[set]:
        if self._bought_sets is None:
            seqs = self.split.sequences()
            tl = self.split.train_len.tolist()
            self._bought_sets = [set(s[:n]) for s, n in zip(seqs, tl)]
        return self._bought_sets

    def memory(self, ex: torch.Tensor) -> torch.Tensor:
        """[B, K] memory item ids, oldest first, unfilled slots = n_items (the padding row)."""
        B = ex.numel()
        if self.K == 0:
            return torch.empty((B, 0), dtype=torch.int64)
        t = self.pos[ex]
        L = torch.clamp(t, max=self.K)
        k = torch.arange(self.K, dtype=torch.int64)
        src = self.flat[ex].unsqueeze(1) - L.unsqueeze(1) + k.unsqueeze(0)
        filled = k.unsqueeze(0) < L.unsqueeze(1)
        return torch.where(filled, self.split.items[src.clamp(0, self.split.events - 1)], torch.full_like(src, self.n_items))

    def negatives_torch(self, users: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
        """Uniform items the user never bought in training; a draw that hits one is drawn again,
        at most 100 times (then kept, as examples.ts does for a user who bought nearly everything)."""
        B = users.numel()
        neg = torch.randint(self.n_items, (B, self.C - 1), generator=gen, dtype=torch.int64)
        keys = self.bought_keys
        if keys.numel() == 0 or self.C == 1:
            return neg
        base = (users * self.n_items).unsqueeze(1)
        for _ in range(NEGATIVE_TRIES):
            q = base + neg
            at = torch.searchsorted(keys, q).clamp(max=keys.numel() - 1)
            hit = keys[at] == q
            n_hit = int(hit.sum())
            if n_hit == 0:
                break
            neg[hit] = torch.randint(self.n_items, (n_hit,), generator=gen, dtype=torch.int64)
        return neg

    def negatives_workbench(self, users: list[int], rng: WorkbenchRng) -> torch.Tensor:
        """examples.ts fill's draws, one example after another, from the workbench's stream."""
        bought = self.bought_sets()
        n_items = self.n_items
        out = []
        for u in users:
            b = bought[u]
            for _ in range(self.C - 1):
                neg = int(rng.next() * n_items)
                tries = 0
                while tries < NEGATIVE_TRIES and neg in b:
                    neg = int(rng.next() * n_items)
                    tries += 1
                out.append(neg)
        return torch.tensor(out, dtype=torch.int64).view(len(users), self.C - 1)


# ------------------------------------------------------------------------------------------------
# The model and its loss (docs/model.md; core/model/rum-item/kernel.ts).


class RumItem(nn.Module):
    def __init__(self, n_users, n_items, dim, slots, alpha, beta, sparse):
        super().__init__()
        self.n_items = n_items
        self.slots = slots
        self.alpha = alpha
        self.beta = beta
        self.use_memory = alpha != 0 and slots > 0
        self.user = nn.Embedding(n_users, dim, sparse=sparse)
        # One extra row, n_items, for an unfilled memory slot: padding_idx keeps it at zero and
        # out of the gradients, so no real row is ever "touched" by padding (lazy Adam would move it).
        self.item = nn.Embedding(n_items + 1, dim, padding_idx=n_items, sparse=sparse)

    def forward(self, users, memory, candidates, labels, l2: float, scale: float):
        """Loss of a batch: scale * [sum of BCE over (example, candidate) + l2 * sum of squared
        norms of every row occurrence]. The caller sets scale (1 / (B * C) for the workbench's)."""
        B, C = candidates.shape
        K = memory.shape[1] if self.use_memory else 0
        p = self.user(users)  # [B, D]
        # One lookup for candidates and memory: one sparse gradient for the item table.
        rows = self.item(torch.cat([candidates.reshape(-1), memory.reshape(-1)]) if K else candidates.reshape(-1))
        q = rows[: B * C].view(B, C, -1)  # [B, C, D]
        # Broadcast products, not bmm: torch's CPU bmm loops over 512 tiny matrices one by one.
        logit = (q * p.unsqueeze(1)).sum(2)  # [B, C]
        sq = (p * p).sum() + (q * q).sum()
        if K:
            m = rows[B * C :].view(B, K, -1)  # [B, K, D], zero rows where unfilled
            filled = memory != self.n_items  # [B, K]
            w = (q.unsqueeze(2) * m.unsqueeze(1)).sum(3)  # [B, C, K]: q_i . m_k
            s = (self.beta * w).masked_fill(~filled.unsqueeze(1), float("-inf"))
            # No memory at all (the first purchase): no attention, no memory part.
            has = filled.any(1).view(-1, 1, 1)
            z = torch.softmax(torch.where(has, s, torch.zeros_like(s)), dim=2) * has
            logit = logit + self.alpha * (z * w).sum(2)
            sq = sq + (m * m).sum()  # unfilled rows are zero: only filled slots count
        bce = F.binary_cross_entropy_with_logits(logit, labels, reduction="sum")
        return (bce + l2 * sq) * scale, bce.detach(), sq.detach()


def init_tables(model: RumItem, n_users, n_items, dim, init_scale, sampler, rng, gen):
    """Normal(0, initScale), items before users (rum-item/params.ts), from the run's generator:
    the workbench's stream, or torch's (which then goes on to shuffle and draw negatives)."""
    with torch.no_grad():
        if sampler == "workbench":
            items = (rng.normals(n_items * dim) * init_scale).to(torch.float32).view(n_items, dim)
            users = (rng.normals(n_users * dim) * init_scale).to(torch.float32).view(n_users, dim)
        else:
            items = torch.randn(n_items, dim, generator=gen) * init_scale
            users = torch.randn(n_users, dim, generator=gen) * init_scale
        model.item.weight[:n_items].copy_(items)
        model.item.weight[n_items].zero_()
        model.user.weight.copy_(users)


def lazy_grads_from_dense(model: RumItem, users: torch.Tensor, item_rows: torch.Tensor) -> None:
    """Dense embedding gradients (NCCL) as sparse ones over the rows the global batch touched, so
    that SparseAdam makes the same lazy step as with sparse embeddings."""
    for table, rows in ((model.user.weight, users), (model.item.weight, item_rows)):
        g = table.grad
        rows = torch.unique(rows.to(g.device))
        table.grad = torch.sparse_coo_tensor(rows.unsqueeze(0), g[rows], g.shape)


# ------------------------------------------------------------------------------------------------
# Full ranking and metrics (core/train/protocol.ts, core/eval/metrics.ts, rum-item/rank-pruned.ts).


@torch.no_grad()
def logits_for(Qx, intr, mem, filled, alpha, beta, cand, rows_per_call):
    """Exact float64 logits of candidate items cand [R, T] for users whose intrinsic dots with every
    item are intr [R, N] and whose memory is mem [R, K] (padding row = the last row of Qx):
    intrinsic + (alpha F) / S with e_k = exp(beta w_k - max), S = sum e, F = sum e w, as
    rum-item/forward.ts computes them."""
    out = torch.empty(cand.shape, dtype=torch.float64, device=cand.device)
    R, T = cand.shape
    K = mem.shape[1]
    step = max(1, rows_per_call // max(1, T * max(1, K)))
    for a in range(0, R, step):
        b = min(R, a + step)
        c = cand[a:b]
        x = intr[a:b].gather(1, c)
        if K > 0:
            q = Qx[c]  # [r, T, D]
            m = Qx[mem[a:b]]  # [r, K, D]
            w = torch.bmm(q, m.transpose(1, 2))  # [r, T, K]
            s = (beta * w).masked_fill(~filled[a:b].unsqueeze(1), float("-inf"))
            has = filled[a:b].any(1)
            s = torch.where(has.view(-1, 1, 1), s, torch.zeros_like(s))
            e = torch.exp(s - s.max(2, keepdim=True).values)
            e = torch.where(torch.isfinite(s), e, torch.zeros_like(e))
            S = e.sum(2)
            Fv = (e * w).sum(2)
            x = torch.where(has.unsqueeze(1), x + alpha * Fv / S, x)
        out[a:b] = x
    return out


@torch.no_grad()
def dense_top(Q, intr, mem, filled, alpha, beta, bound, k):
    """Top k of every item for a few users (the same float64 logits as logits_for, all items at
    once: W = M Q^T as one [r*K, D] x [D, N] product); excluded items have bound -inf."""
    K = mem.shape[1]
    N = Q.shape[0]
    x = intr.clone()
    if K > 0:
        Qx = torch.cat([Q, Q.new_zeros(1, Q.shape[1])])
        w = torch.matmul(Qx[mem], Q.T)  # [r, K, N]
        s = (beta * w).masked_fill(~filled.unsqueeze(2), float("-inf"))
        has = filled.any(1)
        s = torch.where(has.view(-1, 1, 1), s, torch.zeros_like(s))
        e = torch.exp(s - s.max(1, keepdim=True).values)
        e = torch.where(torch.isfinite(s), e, torch.zeros_like(e))
        x = torch.where(has.unsqueeze(1), x + alpha * (e * w).sum(1) / e.sum(1), x)
    l32 = x.to(torch.float32).to(torch.float64)
    l32 = torch.where(torch.isnan(l32) | (bound == float("-inf")), torch.full_like(l32, float("-inf")), l32)
    # The k-th value, then every item at or above it (ties at the boundary included), ordered by
    # value then index.
    kk = min(k, N)
    thr = l32.topk(kk, dim=1).values[:, kk - 1 : kk]
    c = int((l32 >= thr).sum(1).max())
    _, cand = l32.topk(max(c, kk), dim=1)
    ci, _ = cand.sort(dim=1)
    lv, p2 = l32.gather(1, ci).sort(dim=1, descending=True, stable=True)
    return ci.gather(1, p2)[:, :k], lv[:, :k]


@torch.no_grad()
def rank_top_n(P, Q, alpha, beta, memories, excluded, users, n, device, chunk=256, rows_per_call=1 << 22):
    """Top-n item lists, best first, never an excluded item; fewer when fewer items remain. The
    workbench's ranking: float64 logits rounded to float32, equal values the lower index first.
    Like rank-pruned.ts, an item's logit is bounded by its intrinsic part plus |alpha| |q_i|
    max_k |m_k|, and only items whose bound reaches the n-th best exact logit are scored in full
    (a widening window, down to every item), so the lists equal scoring every item."""
    N, D = Q.shape
    Qx = torch.cat([Q, Q.new_zeros(1, D)])
    norm = Q.norm(dim=1)
    normx = torch.cat([norm, norm.new_zeros(1)])
    k = max(0, min(int(n), N))
    results: list[list[int]] = []
    if k == 0:
        return [[] for _ in users]
    for start in range(0, len(users), chunk):
        us = users[start : start + chunk]
        b = len(us)
        mems = memories[start : start + chunk]
        Kc = max((len(m) for m in mems), default=0)
        mem = torch.full((b, Kc), N, dtype=torch.int64)
        for j, m in enumerate(mems):
            if m:
                mem[j, : len(m)] = torch.tensor(m, dtype=torch.int64)
        mem = mem.to(device)
        filled = mem != N
        intr = P[torch.tensor(us, dtype=torch.int64, device=device)] @ Q.T  # [b, N]
        spread = abs(alpha) * normx[mem].max(1).values if Kc > 0 else torch.zeros(b, dtype=torch.float64, device=device)
        bound = intr + spread.unsqueeze(1) * norm.unsqueeze(0)
        # Margin: covers float64 rounding and the float32 rounding of the stored logit (<= 2^-24
        # of it), so an item left unscored cannot round up to the n-th value.
        bound = bound + 1e-6 * (1 + bound.abs())
        ex_rows = [j for j, x in enumerate(excluded[start : start + chunk]) for _ in x]
        ex_cols = [i for x in excluded[start : start + chunk] for i in x]
        if ex_cols:
            bound[torch.tensor(ex_rows, device=device), torch.tensor(ex_cols, device=device)] = float("-inf")
        out: list = [None] * b

        def exact_top(rows, T):
            """Scores the T items of highest bound exactly; their top k (value, index order)."""
            vals, idx = bound[rows].topk(min(N, T + 1) if T < N else T, dim=1)  # sorted, highest first
            cand, cvals = idx[:, :T], vals[:, :T]
            exact = logits_for(Qx, intr[rows], mem[rows], filled[rows], alpha, beta, cand, rows_per_call)
            l32 = exact.to(torch.float32).to(torch.float64)
            l32 = torch.where(cvals == float("-inf"), torch.full_like(l32, float("-inf")), l32)
            l32 = torch.where(torch.isnan(l32), torch.full_like(l32, float("-inf")), l32)
            # Equal values: the lower item index first (topN's rule): sort by index, then stably by value.
            ci, p1 = cand.sort(dim=1)
            lv, p2 = l32.gather(1, p1).sort(dim=1, descending=True, stable=True)
            nxt = vals[:, T] if T < N else None
            return ci.gather(1, p2)[:, :k], lv[:, :k], nxt

        def keep(rows, top_i, top_v):
            for r, items, values in zip(rows.tolist(), top_i.tolist(), top_v.tolist()):
                out[r] = [i for i, v in zip(items, values) if v != float("-inf")]

        # First pass: the k + 32 items of highest bound. A user is done when the next bound is
        # below the k-th exact value; otherwise the items still needed are exactly those whose
        # bound reaches that value (the k-th value only rises as more items are scored), so one
        # more pass, over that many items, finishes the user.
        rows = torch.arange(b, device=device)
        T = min(N, k + 32)
        top_i, top_v, nxt = exact_top(rows, T)
        if nxt is None:
            keep(rows, top_i, top_v)
        else:
            thr = top_v[:, k - 1]
            ok = (nxt == float("-inf")) | (nxt < thr)
            keep(rows[ok], top_i[ok], top_v[ok])
            fail = rows[~ok]
            if fail.numel():
                # thr = -inf: fewer than k items were left among the first T; all the rest are needed.
                reach = torch.where(thr[~ok].unsqueeze(1) > float("-inf"), bound[fail] >= thr[~ok].unsqueeze(1), bound[fail] > float("-inf"))
                need = reach.sum(1)
                # Users grouped by how many items they need (powers of 4 from T), so that one
                # user who needs the whole catalogue does not make its neighbours score it too.
                size = torch.full_like(need, T)
                while bool((size < need).any()):
                    size = torch.where(size < need, torch.clamp(size * 4, max=N), size)
                for T2 in torch.unique(size).tolist():
                    g = fail[size == T2]
                    if T2 * 4 > N:
                        # A quarter of the catalogue or more: every item, by one shared-Q product.
                        for a0 in range(0, g.numel(), max(1, rows_per_call // (N * max(1, Kc)))):
                            gg = g[a0 : a0 + max(1, rows_per_call // (N * max(1, Kc)))]
                            gi, gv = dense_top(Q, intr[gg], mem[gg], filled[gg], alpha, beta, bound[gg], k)
                            keep(gg, gi, gv)
                    else:
                        gi, gv, _ = exact_top(g, T2)
                        keep(g, gi, gv)
        results.extend(out)
    return results


def user_metrics(recommended, test_items, n):
    """core/eval/metrics.ts userMetrics (distinct test items; F1 per user)."""
    truth = set(test_items)
    if not truth or n <= 0:
        return (0.0, 0.0, 0.0, 0.0, 0.0)
    found = set()
    dcg = 0.0
    for j in range(min(n, len(recommended))):
        item = recommended[j]
        if item in truth and item not in found:
            found.add(item)
            dcg += 1 / math.log2(j + 2)
    hits = len(found)
    idcg = 0.0
    for j in range(min(len(truth), n)):
        idcg += 1 / math.log2(j + 2)
    precision = hits / n
    recall = hits / len(truth)
    f1 = 0.0 if hits == 0 else (2 * precision * recall) / (precision + recall)
    return (precision, recall, f1, 1.0 if hits > 0 else 0.0, dcg / idcg)


def average(per_user: list) -> dict:
    """MetricAccumulator: sums in user order, then divides (all 0 with no users)."""
    sums = [0.0] * 5
    for m in per_user:
        for k in range(5):
            sums[k] += m[k]
    d = len(per_user) or 1
    keys = ("precision", "recall", "f1", "hr", "ndcg")
    return {key: sums[k] / d for k, key in enumerate(keys)}


class Evaluator:
    """evaluateSplit: rank every item not bought in the history part, with the memory at its end,
    against the distinct items that follow up to targets_end; users with no target are left out.
    Users are shared out among the processes and their per-user figures gathered in user order."""

    def __init__(self, split: Split, slots: int, use_memory: bool, ends, targets_end, users, n, device, rank=0, world=1):
        seqs = split.sequences()
        self.n = n
        self.device = device
        self.users = users
        self.mine = users[rank::world]
        self.rank, self.world = rank, world
        K = slots if use_memory else 0
        self.memories, self.excluded, self.targets = [], [], []
        for u in self.mine:
            s, e = seqs[u], ends[u]
            self.memories.append(s[max(0, e - K) : e] if K > 0 else [])
            self.excluded.append(sorted(set(s[:e])))
            self.targets.append(s[e : targets_end[u]])

    @torch.no_grad()
    def run(self, user_table: torch.Tensor, item_table: torch.Tensor, alpha: float, beta: float):
        P = user_table.detach().to(self.device, torch.float64)
        Q = item_table.detach().to(self.device, torch.float64)
        tops = rank_top_n(P, Q, alpha, beta, self.memories, self.excluded, self.mine, self.n, self.device)
        mine = [(u, user_metrics(top, t, self.n)) for u, top, t in zip(self.mine, tops, self.targets) if t]
        if self.world > 1:
            parts = [None] * self.world
            dist.all_gather_object(parts, mine)
            mine = sorted((x for p in parts for x in p), key=lambda x: x[0])
        per_user = [m for _, m in mine]
        return {"metrics": average(per_user), "users": len(per_user), "n": self.n}


# ------------------------------------------------------------------------------------------------
# Training.


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="train_rum.py",
        description="Item-level RUM trained with PyTorch (DistributedDataParallel under torchrun); writes the workbench's export-model JSON.",
    )
    src = p.add_argument_group("input (one of)")
    src.add_argument("--store", help="the workbench's SQLite store (read only)")
    src.add_argument("--dataset", type=int, help="the dataset id in --store (rum-workbench datasets)")
    src.add_argument("--csv", help="a plain log with a header user,item,timestamp[,rating]")
    p.add_argument("--out", help="where to write the model file (export-model JSON); rank 0 writes it")
    st = p.add_argument_group("settings (the workbench's names and defaults)")
    st.add_argument("--dim", type=int, default=DEFAULTS["dim"])
    st.add_argument("--slots", type=int, default=DEFAULTS["slots"])
    st.add_argument("--alpha", type=float, default=DEFAULTS["alpha"])
    st.add_argument("--beta", type=float, default=DEFAULTS["beta"])
    st.add_argument("--epochs", type=int, default=None, help=f"most epochs (default {DEFAULTS['epochs']}, 3 with --bench)")
    st.add_argument("--lr", type=float, default=DEFAULTS["lr"])
    st.add_argument("--l2", type=float, default=DEFAULTS["l2"])
    st.add_argument("--negatives", type=int, default=DEFAULTS["negatives"])
    st.add_argument("--batch-size", type=int, default=DEFAULTS["batchSize"], help="examples per optimiser step, over all processes together")
    st.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    st.add_argument("--min-user-events", type=int, default=DEFAULTS["minUserEvents"])
    st.add_argument("--train-percent", type=float, default=DEFAULTS["trainPercent"])
    st.add_argument("--validation-percent", type=float, default=DEFAULTS["validationPercent"])
    st.add_argument("--validation-users", type=int, default=DEFAULTS["validationUsers"])
    st.add_argument("--patience", type=int, default=DEFAULTS["patience"])
    st.add_argument("--init-scale", type=float, default=DEFAULTS["initScale"])
    st.add_argument("--n", type=int, default=DEFAULTS["n"], help="list length for validation and the test metrics")
    rt = p.add_argument_group("how it runs")
    rt.add_argument("--threads", type=int, default=None, help="torch threads per process (torch.set_num_threads)")
    rt.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="auto: CUDA when available")
    rt.add_argument("--dense-grads", action="store_true", help="dense embedding gradients (always so on CUDA/NCCL), lazy Adam over the touched rows")
    rt.add_argument("--sampler", choices=["torch", "workbench"], default="torch", help="random numbers: torch's generator, or the workbench's own stream")
    rt.add_argument("--bench", action="store_true", help="time each epoch (training, validation) and print them; one process")
    rt.add_argument("--quiet", action="store_true", help="no progress on stderr")
    a = p.parse_args(argv)
    if (a.store is None) == (a.csv is None):
        raise InputError("give either --store FILE --dataset ID or --csv FILE")
    if a.store is not None and a.dataset is None:
        raise InputError("--store needs --dataset ID")
    if a.out is None and not a.bench:
        raise InputError("--out FILE is needed (where the model file goes)")
    if a.epochs is None:
        a.epochs = 3 if a.bench else DEFAULTS["epochs"]
    # The workbench's limits (config.ts SETTING_LIMITS), so that import-model accepts the file.
    limits = {
        "dim": (1, 512), "slots": (0, 200), "alpha": (-100, 100), "beta": (0, 1000), "epochs": (1, 1000),
        "lr": (1e-8, 10), "l2": (0, 10), "negatives": (1, 100), "batch_size": (1, 65536), "seed": (0, 2**31 - 1),
        "min_user_events": (2, 10000), "train_percent": (1, 99), "validation_percent": (0, 50),
        "validation_users": (1, 10_000_000), "patience": (1, 1000), "init_scale": (1e-6, 10), "n": (1, 100),
    }
    for name, (lo, hi) in limits.items():
        v = getattr(a, name)
        if not (math.isfinite(v) and lo <= v <= hi):
            raise InputError(f"--{name.replace('_', '-')} must be from {lo} to {hi}, got {v}")
    if a.threads is not None and a.threads < 1:
        raise InputError("--threads must be at least 1")
    return a


def effective_config(a) -> dict:
    return {
        "model": "rum-item",
        "dim": a.dim,
        "slots": a.slots,
        "alpha": a.alpha,
        "beta": a.beta,
        "epochs": a.epochs,
        "lr": a.lr,
        "l2": a.l2,
        "negatives": a.negatives,
        "batchSize": a.batch_size,
        "seed": a.seed,
        "minUserEvents": a.min_user_events,
        "trainPercent": a.train_percent,
        "validationPercent": a.validation_percent,
        "validationUsers": a.validation_users,
        "patience": a.patience,
        "initScale": a.init_scale,
        "n": a.n,
    }


def main(argv) -> int:
    started = time.perf_counter()
    a = parse_args(argv)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if a.bench and world > 1:
        raise InputError("--bench runs as one process (no torchrun): give --threads instead")
    quiet = a.quiet or rank != 0
    if a.threads is not None:
        torch.set_num_threads(a.threads)
    use_cuda = a.device == "cuda" or (a.device == "auto" and torch.cuda.is_available())
    if a.device == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda: CUDA is not available")
    device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    dense = use_cuda or a.dense_grads
    backend = None
    if world > 1:
        backend = "nccl" if use_cuda else "gloo"
        dist.init_process_group(backend=backend)

    try:
        return train(a, started, world, rank, device, dense, backend, quiet)
    finally:
        if world > 1 and dist.is_initialized():
            dist.destroy_process_group()


def train(a, started, world, rank, device, dense, backend, quiet) -> int:
    cfg = effective_config(a)
    data = read_store(a.store, a.dataset) if a.store else read_csv(a.csv)
    split = Split(data, a.min_user_events, a.train_percent)
    if split.n_users == 0:
        raise InputError(f"no user has {a.min_user_events} events or more: nothing to train on (lower --min-user-events)")
    fit_end = fit_ends(split, a.validation_percent)
    use_memory = a.alpha != 0 and a.slots > 0
    ex = Examples(split, fit_end, a.slots, a.negatives, use_memory)
    if ex.size == 0:
        raise InputError("the fitting parts hold no purchase: nothing to train on")
    U, N, D, C = split.n_users, split.n_items, a.dim, 1 + a.negatives
    if not quiet:
        log(f"{U} users, {N} items, {split.events} events, {ex.size} training examples; world size {world}, device {device}, {'dense' if dense else 'sparse'} gradients, torch threads {torch.get_num_threads()}")

    # One generator for the run, as trainer.ts has one Rng: initialisation, then every shuffle and
    # negative. Every process holds the same one, so all draw the same numbers.
    rng = WorkbenchRng(a.seed)  # --sampler workbench
    gen = torch.Generator().manual_seed(a.seed)  # --sampler torch
    model = RumItem(U, N, D, a.slots, a.alpha, a.beta, sparse=not dense)
    init_tables(model, U, N, D, a.init_scale, a.sampler, rng, gen)
    model.to(device)
    net = model
    if world > 1:
        net = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    opt = torch.optim.SparseAdam(list(model.parameters()), lr=a.lr, betas=ADAM_BETAS, eps=ADAM_EPS)

    ends_fit = fit_end.tolist()
    train_len = split.train_len.tolist()
    val_users = sample_users(U, a.validation_users, a.seed)
    validator = Evaluator(split, a.slots, use_memory, ends_fit, train_len, val_users, a.n, device, rank, world)

    batch_size = min(a.batch_size, max(1, ex.size))
    batches = (ex.size + batch_size - 1) // batch_size
    labels_row = torch.zeros(C)
    labels_row[0] = 1
    best = None
    curve = []
    epochs_run = 0
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        if a.sampler == "workbench":
            order = torch.tensor(rng.shuffle(list(range(ex.size))), dtype=torch.int64)
        else:
            order = torch.randperm(ex.size, generator=gen)
        loss_sum = torch.zeros((), dtype=torch.float64, device=device)
        for b in range(batches):
            lo, hi = b * batch_size, min(ex.size, (b + 1) * batch_size)
            sel = order[lo:hi]
            B = hi - lo
            users = ex.user[sel]
            memory = ex.memory(sel)
            pos = split.items[ex.flat[sel]]
            if C > 1:
                neg = ex.negatives_workbench(users.tolist(), rng) if a.sampler == "workbench" else ex.negatives_torch(users, gen)
                cands = torch.cat([pos.unsqueeze(1), neg], 1)
            else:
                cands = pos.unsqueeze(1)
            # This process's share of the global batch; the loss is scaled so that DDP's mean over
            # the processes is the workbench's loss of the whole batch, (1 / (B * C)) [...].
            r0, r1 = B * rank // world, B * (rank + 1) // world
            scale = world / (B * C)
            labels = labels_row.expand(r1 - r0, C)
            loss, _, _ = net(
                users[r0:r1].to(device),
                memory[r0:r1].to(device),
                cands[r0:r1].to(device),
                labels.to(device),
                a.l2,
                scale,
            )
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if dense:
                rows = torch.cat([cands.flatten(), memory[memory != N]]) if memory.numel() else cands.flatten()
                lazy_grads_from_dense(model, users, rows)
            opt.step()
            # The batch's loss, as the workbench's kernel returns it, times B (trainer.ts's lossSum).
            loss_sum += loss.detach().to(torch.float64) * (B / world)
        train_seconds = time.perf_counter() - t0
        if world > 1:
            dist.all_reduce(loss_sum)
        v0 = time.perf_counter()
        validation = validator.run(model.user.weight, model.item.weight[:N], a.alpha, a.beta)
        val_seconds = time.perf_counter() - v0
        epochs_run = epoch
        record = {
            "epoch": epoch,
            "loss": float(loss_sum) / ex.size,
            "validation": validation["metrics"],
            "seconds": time.perf_counter() - t0,
            "trainSeconds": train_seconds,
            "validationSeconds": val_seconds,
        }
        curve.append(record)
        if best is None or validation["metrics"]["ndcg"] > best["validation"]["metrics"]["ndcg"]:
            best = {
                "epoch": epoch,
                "validation": validation,
                "user": model.user.weight.detach().clone(),
                "item": model.item.weight.detach()[:N].clone(),
            }
        if not quiet:
            log(f"epoch {epoch}: loss {record['loss']:.6f}, validation NDCG@{a.n} {validation['metrics']['ndcg']:.5f} (best epoch {best['epoch']}), {train_seconds:.2f} s training + {val_seconds:.2f} s validation")
        if epoch - best["epoch"] >= a.patience:
            break

    if a.bench:
        return bench_report(a, split, ex, curve)

    # Every process evaluates the same (best) weights: rank 0's, in case rounding ever parted them.
    if world > 1:
        for t in (best["user"], best["item"]):
            dist.broadcast(t, src=0)
    tester = Evaluator(split, a.slots, use_memory, train_len, split.seq_len.tolist(), list(range(U)), a.n, device, rank, world)
    test = tester.run(best["user"], best["item"], a.alpha, a.beta)
    seconds = time.perf_counter() - started
    if rank == 0:
        doc = {
            "model": "rum-item",
            "modelId": None,
            "datasetId": data.dataset_id,
            "backend": "torch",
            "users": [data.user_ids[u] for u in split.user_of.tolist()],
            "items": [data.item_ids[i] for i in split.item_of.tolist()],
            "titles": [data.titles[i] for i in split.item_of.tolist()],
            "config": cfg,
            "formula": FORMULA,
            "itemEmbeddings": best["item"].to("cpu", torch.float32).tolist(),
            "userEmbeddings": best["user"].to("cpu", torch.float32).tolist(),
            "trainedBy": {
                "tool": "scale/train_rum.py",
                "torch": torch.__version__,
                "worldSize": world,
                "device": device.type if device.type == "cpu" else torch.cuda.get_device_name(device),
                "distributedBackend": backend,
                "gradients": "dense" if dense else "sparse",
                "sampler": a.sampler,
                "threads": torch.get_num_threads(),
                "source": {"store": os.path.abspath(a.store), "dataset": a.dataset} if a.store else {"csv": os.path.abspath(a.csv)},
            },
            "metrics": {"test": test, "validation": best["validation"]},
            "epochs": epochs_run,
            "bestEpoch": best["epoch"],
            "seconds": seconds,
            "curve": curve,
        }
        tmp = a.out + ".part"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        os.replace(tmp, a.out)
        line = {
            "out": os.path.abspath(a.out),
            "model": "rum-item",
            "metrics": test["metrics"],
            "n": test["n"],
            "users": test["users"],
            "validation": best["validation"],
            "epochs": epochs_run,
            "bestEpoch": best["epoch"],
            "seconds": seconds,
            "worldSize": world,
            "device": doc["trainedBy"]["device"],
            "gradients": doc["trainedBy"]["gradients"],
            "examples": ex.size,
            "loss": [r["loss"] for r in curve],
        }
        print(json.dumps(line), flush=True)
    return 0


def bench_report(a, split, ex, curve) -> int:
    """One JSON line: each epoch's seconds (training incl. sampling and batch building, then
    validation as the trainer runs it) and training examples/s. The first epoch warms up; the
    summary figures are the mean of the later ones when there are any."""
    measured = curve[1:] if len(curve) > 1 else curve
    train_s = sum(r["trainSeconds"] for r in measured) / len(measured)
    epoch_s = sum(r["seconds"] for r in measured) / len(measured)
    print(
        json.dumps(
            {
                "bench": True,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "users": split.n_users,
                "items": split.n_items,
                "events": split.events,
                "examples": ex.size,
                "batchSize": a.batch_size,
                "sampler": a.sampler,
                "epochs": [
                    {
                        "epoch": r["epoch"],
                        "seconds": r["seconds"],
                        "trainSeconds": r["trainSeconds"],
                        "validationSeconds": r["validationSeconds"],
                        "examplesPerSecond": ex.size / r["trainSeconds"],
                        "loss": r["loss"],
                    }
                    for r in curve
                ],
                "measuredEpochs": len(measured),
                "secondsPerEpoch": epoch_s,
                "trainSecondsPerEpoch": train_s,
                "examplesPerSecond": ex.size / train_s,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except InputError as e:
        print(f"train_rum.py: {e}", file=sys.stderr)
        sys.exit(2)
