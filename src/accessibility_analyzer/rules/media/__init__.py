"""Media and time: captions, audio description, transcripts, sound that plays on its own."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.media.audio_caption import AudioCaption
from accessibility_analyzer.rules.media.audio_transcript import AudioTranscript
from accessibility_analyzer.rules.media.autoplay_audio_brief import AutoplayAudioBrief
from accessibility_analyzer.rules.media.no_autoplay_audio import NoAutoplayAudio
from accessibility_analyzer.rules.media.video_audio_description import VideoAudioDescription
from accessibility_analyzer.rules.media.video_auditory_alternative import (
    VideoAuditoryAlternative,
)
from accessibility_analyzer.rules.media.video_caption import VideoCaption
from accessibility_analyzer.rules.media.video_transcript import VideoTranscript
from accessibility_analyzer.rules.media.video_visual_alternative import VideoVisualAlternative

RULES: tuple[type[Rule], ...] = (
    AudioCaption,
    AudioTranscript,
    AutoplayAudioBrief,
    NoAutoplayAudio,
    VideoAudioDescription,
    VideoAuditoryAlternative,
    VideoCaption,
    VideoTranscript,
    VideoVisualAlternative,
)

__all__ = ["RULES"]
