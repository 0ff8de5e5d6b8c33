"""Media and time: captions, audio description, transcripts, sound that plays on its own."""

from __future__ import annotations

from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.rules.media.audio_caption import AudioCaption
from accessibility_analyzer.rules.media.audio_transcript import AudioTranscript
from accessibility_analyzer.rules.media.autoplay_audio_brief import AutoplayAudioBrief
from accessibility_analyzer.rules.media.media_alternative_for_text import MediaAlternativeForText
from accessibility_analyzer.rules.media.no_autoplay_audio import NoAutoplayAudio
from accessibility_analyzer.rules.media.video_audio_description import VideoAudioDescription
from accessibility_analyzer.rules.media.video_auditory_alternative import (
    VideoAuditoryAlternative,
)
from accessibility_analyzer.rules.media.video_caption import VideoCaption
from accessibility_analyzer.rules.media.video_description_or_transcript import (
    VideoDescriptionOrTranscript,
)
from accessibility_analyzer.rules.media.video_only_alternative import VideoOnlyAlternative
from accessibility_analyzer.rules.media.video_only_audio_alternative import (
    VideoOnlyAudioAlternative,
)
from accessibility_analyzer.rules.media.video_only_transcript import VideoOnlyTranscript
from accessibility_analyzer.rules.media.video_transcript import VideoTranscript
from accessibility_analyzer.rules.media.video_visual_alternative import VideoVisualAlternative

RULES: tuple[type[Rule], ...] = (
    AudioCaption,
    AudioTranscript,
    AutoplayAudioBrief,
    MediaAlternativeForText,
    NoAutoplayAudio,
    VideoAudioDescription,
    VideoAuditoryAlternative,
    VideoCaption,
    VideoDescriptionOrTranscript,
    VideoOnlyAlternative,
    VideoOnlyAudioAlternative,
    VideoOnlyTranscript,
    VideoTranscript,
    VideoVisualAlternative,
)

__all__ = ["RULES"]
