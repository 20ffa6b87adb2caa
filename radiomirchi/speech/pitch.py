"""A small YIN-style fundamental-frequency (F0) tracker in numpy.

Good enough to tell voices apart and to check that a "female" voice is pitched higher than a
"male" one; it is not a prosody analyser.
"""

from __future__ import annotations

import numpy as np

DEFAULT_FMIN = 60.0
DEFAULT_FMAX = 400.0


def track_f0(
    samples: np.ndarray,
    sample_rate: int,
    *,
    fmin: float = DEFAULT_FMIN,
    fmax: float = DEFAULT_FMAX,
    frame_seconds: float = 0.04,
    hop_seconds: float = 0.01,
    threshold: float = 0.15,
    min_energy_ratio: float = 0.05,
) -> np.ndarray:
    """F0 in Hz of each voiced frame of mono audio (int16 or float); unvoiced frames are dropped.

    YIN (de Cheveigné & Kawahara 2002): the cumulative-mean-normalised difference function, the
    first dip below ``threshold`` within [sample_rate/fmax, sample_rate/fmin], refined by parabolic
    interpolation. Frames quieter than ``min_energy_ratio`` of the loudest frame's RMS are skipped.
    """
    audio = np.asarray(samples, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("mono audio expected")
    window = int(frame_seconds * sample_rate)
    hop = max(1, int(hop_seconds * sample_rate))
    tau_min = max(2, int(sample_rate / fmax))
    tau_max = int(sample_rate / fmin)
    if window <= tau_max:
        window = tau_max + 1
    span = window + tau_max
    if audio.size < span:
        return np.empty(0)
    starts = np.arange(0, audio.size - span + 1, hop)
    rms = np.array([np.sqrt(np.mean(audio[start : start + window] ** 2)) for start in starts])
    loudest = float(rms.max()) if rms.size else 0.0
    if loudest <= 0.0:
        return np.empty(0)
    size = 1 << int(np.ceil(np.log2(span + window)))
    f0: list[float] = []
    for start, level in zip(starts, rms, strict=True):
        if level < min_energy_ratio * loudest:
            continue
        frame = audio[start : start + span]
        head = frame[:window]
        # cross[tau] = sum_j head[j] * frame[j + tau]
        cross = np.fft.irfft(np.conj(np.fft.rfft(head, size)) * np.fft.rfft(frame, size), size)
        cross = cross[: tau_max + 1]
        squares = np.concatenate(([0.0], np.cumsum(frame**2)))
        shifted_energy = squares[window : window + tau_max + 1] - squares[: tau_max + 1]
        diff = squares[window] + shifted_energy - 2.0 * cross
        diff[0] = 0.0
        taus = np.arange(1, tau_max + 1)
        running = np.cumsum(diff[1:]) / taus
        cmnd = np.ones(tau_max + 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            cmnd[1:] = np.where(running > 0, diff[1:] / running, 1.0)
        tau = _first_dip(cmnd, tau_min, tau_max, threshold)
        if tau is None:
            continue
        f0.append(sample_rate / _parabolic(cmnd, tau))
    return np.asarray(f0)


def fold_octave_errors(f0: np.ndarray, limit: float = 0.75) -> np.ndarray:
    """Move frames that sit about an octave off the utterance's register back by that octave.

    The register is the mode of a smoothed semitone histogram of log F0. A frame more than
    ``limit`` octaves above it is halved, more than ``limit`` below it is doubled: one utterance's
    intonation rarely strays that far, a tracker's octave error always does.
    """
    if f0.size < 3:
        return f0
    semitones = 12.0 * np.log2(f0)
    low = int(np.floor(semitones.min()))
    counts = np.bincount(np.floor(semitones - low).astype(np.int64))
    smoothed = np.convolve(counts, np.ones(5), mode="same")
    register = low + int(np.argmax(smoothed)) + 0.5
    offset = (semitones - register) / 12.0
    folded = f0.copy()
    folded[offset > limit] /= 2.0
    folded[offset < -limit] *= 2.0
    return folded


def median_f0(samples: np.ndarray, sample_rate: int, **kwargs: float) -> float:
    """Median F0 (Hz) over voiced frames after octave-error folding, or NaN when nothing is voiced."""
    f0 = track_f0(samples, sample_rate, **kwargs)
    return float(np.median(fold_octave_errors(f0))) if f0.size else float("nan")


def _first_dip(cmnd: np.ndarray, tau_min: int, tau_max: int, threshold: float) -> int | None:
    below = np.nonzero(cmnd[tau_min:tau_max] < threshold)[0]
    if below.size == 0:
        return None
    tau = tau_min + int(below[0])
    tau = _descend(cmnd, tau, tau_max)
    # Octave check: a weak fundamental lets half the period pass the threshold; when the lag near
    # twice as long is clearly more periodic, the true period is the longer one.
    reach = max(2, tau // 4)
    low, high = 2 * tau - reach, min(2 * tau + reach, tau_max)
    if low < high:
        double = low + int(np.argmin(cmnd[low:high]))
        if cmnd[double] < 0.5 * cmnd[tau] and cmnd[tau] - cmnd[double] > 0.03:
            return double
    return tau


def _descend(cmnd: np.ndarray, tau: int, tau_max: int) -> int:
    while tau + 1 < tau_max and cmnd[tau + 1] < cmnd[tau]:
        tau += 1
    return tau


def _parabolic(values: np.ndarray, index: int) -> float:
    if index <= 0 or index >= values.size - 1:
        return float(index)
    left, centre, right = values[index - 1], values[index], values[index + 1]
    denominator = left - 2.0 * centre + right
    if denominator == 0:
        return float(index)
    return float(index + 0.5 * (left - right) / denominator)
