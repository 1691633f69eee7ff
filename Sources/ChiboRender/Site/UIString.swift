import ChiboModel

/// A UI string the pages' code shows: one case for each key of the theme's `i18n/vi.yaml` that
/// Swift code asks for (the templates name theirs as `t.KEY`, checked when they compile). The key is
/// spelt once, as the case's raw value; `Theme.string(_:)` takes nothing else, so a key the code uses
/// is always one of `allCases`, which `chibo check` finds in the theme before anything is rendered.
/// A key of a domain value (a finding's label, a sector's name) is the value's case, by the
/// exhaustive switches below: a new finding code does not compile until its strings are named here.
enum UIString: String, CaseIterable, Sendable {
    case signinNeeded = "signin_needed"
    case navHome = "nav_home"
    case navGuidance = "nav_guidance"
    case guidanceTitle = "guidance_title"
    case kindHuongDan = "kind_huong_dan"
    case kindQuyDinh = "kind_quy_dinh"
    case kindKeHoach = "kind_ke_hoach"
    case kindCongVan = "kind_cong_van"
    case kindTaiLieu = "kind_tai_lieu"
    case notFoundTitle = "not_found_title"
    case codeOverrated = "code_overrated"
    case codeUnderrated = "code_underrated"
    case codeMissingPoliticalStudy = "code_missing_political_study"
    case codeMissingCurrentAffairs = "code_missing_current_affairs"
    case codeLowSpeakingRate = "code_low_speaking_rate"
    case codeLowAttendance = "code_low_attendance"
    case codeNoSupervisor = "code_no_supervisor"
    case codeMissingRegularMeeting = "code_missing_regular_meeting"
    case codeMissingThematicMeeting = "code_missing_thematic_meeting"
    case findingOverrated = "finding_overrated"
    case findingUnderrated = "finding_underrated"
    case findingMissingPoliticalStudy = "finding_missing_political_study"
    case findingMissingCurrentAffairs = "finding_missing_current_affairs"
    case findingLowSpeakingRate = "finding_low_speaking_rate"
    case findingLowAttendance = "finding_low_attendance"
    case findingNoSupervisor = "finding_no_supervisor"
    case findingMissingRegularMeeting = "finding_missing_regular_meeting"
    case findingMissingThematicMeeting = "finding_missing_thematic_meeting"
    case reasonNotFull = "reason_not_full"
    case reasonTotal = "reason_total"
    case reasonBelowMin = "reason_below_min"
    case reasonSeparator = "reason_separator"
    case listSeparator = "list_separator"
    case monthLabel = "month_label"
    case quarterLabel = "quarter_label"
    case navUnits = "nav_units"
    case navReport = "nav_report"
    case navUnitsIntro = "nav_units_intro"
    case navReportIntro = "nav_report_intro"
    case levelCommittee = "level_committee"
    case levelGrassrootsBranch = "level_grassroots_branch"
    case levelSubordinateBranch = "level_subordinate_branch"
    case sectorAgency = "sector_agency"
    case sectorPublicService = "sector_public_service"
    case sectorEnterprise = "sector_enterprise"
    case meetingRegular = "meeting_regular"
    case meetingThematic = "meeting_thematic"
    case unitsTitle = "units_title"
    case unitsNoMeeting = "units_no_meeting"
    case colUnit = "col_unit"
    case colMembers = "col_members"
    case colMeetings = "col_meetings"
    case colAverage = "col_average"
    case colSpeakingRate = "col_speaking_rate"
    case colSupervised = "col_supervised"
    case colFindings = "col_findings"
    case colDate = "col_date"
    case colShare = "col_share"
    case colKind = "col_kind"
    case colSkipped = "col_skipped"
    case chartTitle = "chart_title"
    case chartDescription = "chart_description"
    case monthShort = "month_short"
    case criterionAbbr = "criterion_abbr"
    case findingsSummaryTitle = "findings_summary_title"
    case reportTitle = "report_title"
    case reportQuarterTitle = "report_quarter_title"
    case reportIntro = "report_intro"
    case reportStudyTitle = "report_study_title"
    case reportAffairsTitle = "report_affairs_title"
    case reportBucketOpen = "report_bucket_open"
    case reportCommitteesTitle = "report_committees_title"
    case reportListRating = "report_list_rating"
    case reportListBucket = "report_list_bucket"
    case reportListBelowTarget = "report_list_below_target"
    case reportListThematicWith = "report_list_thematic_with"
    case reportListThematicWithout = "report_list_thematic_without"
    case csvUnitId = "csv_unit_id"
    case csvUnitName = "csv_unit_name"
    case csvCommittee = "csv_committee"
    case csvDate = "csv_date"
    case csvMeetingKind = "csv_meeting_kind"
    case csvCode = "csv_code"
    case csvLabel = "csv_label"
    case csvMessage = "csv_message"
    case navSchedule = "nav_schedule"
    case navScheduleIntro = "nav_schedule_intro"
    case scheduleTitle = "schedule_title"
    case scheduleIntro = "schedule_intro"
    case sampleRegular = "sample_regular"
    case sampleThematic = "sample_thematic"
    case statusPast = "status_past"
    case statusToday = "status_today"
    case statusUpcoming = "status_upcoming"
    case roleHost = "role_host"
    case roleAudience = "role_audience"
    case labelVenue = "label_venue"
    case labelTopic = "label_topic"
    case labelHost = "label_host"
    case labelCommittee = "label_committee"
    case homeUpcoming = "home_upcoming"
    case planRuleText = "plan_rule_text"
    case planBlocSessions = "plan_bloc_sessions"
    case planCommitteeSessions = "plan_committee_sessions"
    case planComplianceTitle = "plan_compliance_title"
    case planComplianceSummary = "plan_compliance_summary"
    case planFindingsTitle = "plan_findings_title"
    case colBranchCount = "col_branch_count"
    case colRequired = "col_required"
    case colPlanned = "col_planned"
    case colStatus = "col_status"
    case statusOk = "status_ok"
    case statusProblem = "status_problem"
    case bothKinds = "both_kinds"
    case planCommitteePlanMissing = "plan_committee_plan_missing"
    case planCommitteePlanExcess = "plan_committee_plan_excess"
    case planCommitteePlanKinds = "plan_committee_plan_kinds"
    case planKindsSuffix = "plan_kinds_suffix"
    case planHostOutsideCommittee = "plan_host_outside_committee"
    case planScheduleConflict = "plan_schedule_conflict"
    case planScheduleConflictObserver = "plan_schedule_conflict_observer"
    case icsAudience = "ics_audience"
    case icsObservers = "ics_observers"
    case monthHeading = "month_heading"
    case homeRecent = "home_recent"
    case searchTitle = "search_title"
    case searchKindDocument = "search_kind_document"
    case searchKindSample = "search_kind_sample"
    case recordHelp1 = "record_help_1"
    case recordHelp2 = "record_help_2"
    case recordHelp3 = "record_help_3"
    case recordHelp4 = "record_help_4"
    case recordHelp5 = "record_help_5"
    case recordHelp6 = "record_help_6"
    case recordHelp7 = "record_help_7"
    case unitsRecordForm = "units_record_form"
    case pagerLabel = "pager_label"
    case colCommittee = "col_committee"
    case colFinding = "col_finding"
    case colNeverSupervised = "col_never_supervised"
    case unitsRatingList = "units_rating_list"
    case reportFindingListIntro = "report_finding_list_intro"
    case reportCommitteesIntro = "report_committees_intro"
    case scheduleAudienceTitle = "schedule_audience_title"
    case searchKindFinding = "search_kind_finding"
    case searchFindingText = "search_finding_text"
    case reportKindsAll = "report_kinds_all"
    case letterTitle = "letter_title"
    case letterIntro = "letter_intro"
    case letterParty = "letter_party"
    case letterDraftMark = "letter_draft_mark"
    case letterNumber = "letter_number"
    case letterPlaceDate = "letter_place_date"
    case letterDate = "letter_date"
    case letterRecipients = "letter_recipients"
    case letterCopies = "letter_copies"
    case letterPartRegular = "letter_part_regular"
    case letterPartThematic = "letter_part_thematic"
    case letterPartRequests = "letter_part_requests"
    case letterPeriodYear = "letter_period_year"
    case letterPeriodQuarter = "letter_period_quarter"
    case letterPeriodRange = "letter_period_range"
    case letterAudienceGrassroots = "letter_audience_grassroots"
    case letterAudienceSubordinate = "letter_audience_subordinate"
    case letterAudienceAll = "letter_audience_all"
    case letterAudienceSectors = "letter_audience_sectors"
    case letterCitation = "letter_citation"
    case letterFigureMeetings = "letter_figure_meetings"
    case letterFigureSpeaking = "letter_figure_speaking"
    case letterFigureAttendance = "letter_figure_attendance"
    case letterFigureCurrentAffairs = "letter_figure_current_affairs"
    case letterFigureIt = "letter_figure_it"
    case letterFigureOverrated = "letter_figure_overrated"
    case letterFigureOverratedBranches = "letter_figure_overrated_branches"
    case letterFigureStudy = "letter_figure_study"
    case letterFigureThematicGap = "letter_figure_thematic_gap"
    case letterFigureSupervised = "letter_figure_supervised"
    case letterDocument = "letter_document"
    case changeUp = "change_up"
    case changeDown = "change_down"
    case changeSame = "change_same"
    case letterChange = "letter_change"
    case changePoints = "change_points"
    case changeUnitMeetings = "change_unit_meetings"
    case changeUnitBranches = "change_unit_branches"
    case letterInPeriod = "letter_in_period"
    case letterAnnexLabel = "letter_annex_label"
    case letterAnnexAttached = "letter_annex_attached"
    case letterAnnexStudy = "letter_annex_study"
    case letterAnnexOverrated = "letter_annex_overrated"
    case letterAnnexCriterion = "letter_annex_criterion"
    case letterAnnexCurrentAffairs = "letter_annex_current_affairs"
    case letterAnnexColNumber = "letter_annex_col_number"
    case letterAnnexColBranch = "letter_annex_col_branch"
    case letterAnnexColCommittee = "letter_annex_col_committee"
    case letterAnnexColMeetings = "letter_annex_col_meetings"
    case letterAnnexTotal = "letter_annex_total"
    case letterAnnexTotalBranches = "letter_annex_total_branches"
    case letterAnnexMore = "letter_annex_more"
    case letterRemarksMore = "letter_remarks_more"
    case changeUnitFindings = "change_unit_findings"
    case changeUnitScore = "change_unit_score"
    case colAttendanceRate = "col_attendance_rate"
    case colChange = "col_change"
    case colFigure = "col_figure"
    case colPrevious = "col_previous"
    case colRank = "col_rank"
    case rankingIntro = "ranking_intro"
    case rankingLeader = "ranking_leader"
    case rankingListIntro = "ranking_list_intro"
    case rankingListTitle = "ranking_list_title"
    case rankingNoPrevious = "ranking_no_previous"
    case rankingNoneRanked = "ranking_none_ranked"
    case rankingPrevious = "ranking_previous"
    case rankingTitle = "ranking_title"
    case reportChartCompared = "report_chart_compared"
    case rankingLevelCommittee = "ranking_level_committee"
    case rankingLevelGrassrootsBranch = "ranking_level_grassroots_branch"
    case rankingFigurePhatBieu = "ranking_figure_phat_bieu"
    case rankingAboutPhatBieu = "ranking_about_phat_bieu"
    case rankingFigureDuSinhHoat = "ranking_figure_du_sinh_hoat"
    case rankingAboutDuSinhHoat = "ranking_about_du_sinh_hoat"
    case rankingFigureChinhTriTuTuong = "ranking_figure_chinh_tri_tu_tuong"
    case rankingAboutChinhTriTuTuong = "ranking_about_chinh_tri_tu_tuong"
    case rankingFigureTuXepLoaiCao = "ranking_figure_tu_xep_loai_cao"
    case rankingAboutTuXepLoaiCao = "ranking_about_tu_xep_loai_cao"
    case rankingFigureCapUyDu = "ranking_figure_cap_uy_du"
    case rankingAboutCapUyDu = "ranking_about_cap_uy_du"
    case rankingFigureThieuBuoi = "ranking_figure_thieu_buoi"
    case rankingAboutThieuBuoi = "ranking_about_thieu_buoi"
    case reportRatingsChartDesc = "report_ratings_chart_desc"
    case reportFindingsChartDesc = "report_findings_chart_desc"
    case reportCurrentPeriod = "report_current_period"
    case reportFindingsTitle = "report_findings_title"
    case reportRatesAffairs = "report_rates_affairs"
    case reportRatesDesc = "report_rates_desc"
    case reportRatesSupervised = "report_rates_supervised"
    case reportRatesTitle = "report_rates_title"
    case reportRatingsTitle = "report_ratings_title"
    case reportWholePeriod = "report_whole_period"
    case reportWholeYear = "report_whole_year"
    case reportYearLink = "report_year_link"
    case reportYearTitle = "report_year_title"
    case yearLabel = "year_label"

    /// The name of a kind of guidance document (`kind_huong_dan`).
    static func documentKind(_ kind: DocumentKind) -> UIString {
        switch kind {
        case .guidance: .kindHuongDan
        case .regulation: .kindQuyDinh
        case .plan: .kindKeHoach
        case .letter: .kindCongVan
        case .studyMaterial: .kindTaiLieu
        }
    }

    /// The name of a unit's level (`level_grassroots_branch`).
    static func label(_ level: UnitLevel) -> UIString {
        switch level {
        case .committee: .levelCommittee
        case .grassrootsBranch: .levelGrassrootsBranch
        case .subordinateBranch: .levelSubordinateBranch
        }
    }

    /// The level a ranking ranks (`ranking_level_committee`); a subordinate branch, never ranked,
    /// is named as a grassroots one.
    static func rankingLevel(_ level: UnitLevel) -> UIString {
        switch level {
        case .committee: .rankingLevelCommittee
        case .grassrootsBranch, .subordinateBranch: .rankingLevelGrassrootsBranch
        }
    }

    /// A ranked figure's name (`ranking_figure_phat_bieu`).
    static func rankingFigure(_ figure: Ranking.Figure) -> UIString {
        switch figure {
        case .speaking: .rankingFigurePhatBieu
        case .attendance: .rankingFigureDuSinhHoat
        case .politicalStudy: .rankingFigureChinhTriTuTuong
        case .overrated: .rankingFigureTuXepLoaiCao
        case .supervision: .rankingFigureCapUyDu
        case .missed: .rankingFigureThieuBuoi
        }
    }

    /// What a ranked figure counts and which way is better (`ranking_about_phat_bieu`).
    static func rankingAbout(_ figure: Ranking.Figure) -> UIString {
        switch figure {
        case .speaking: .rankingAboutPhatBieu
        case .attendance: .rankingAboutDuSinhHoat
        case .politicalStudy: .rankingAboutChinhTriTuTuong
        case .overrated: .rankingAboutTuXepLoaiCao
        case .supervision: .rankingAboutCapUyDu
        case .missed: .rankingAboutThieuBuoi
        }
    }

    /// The name of a unit's sector (`sector_public_service`).
    static func label(_ sector: Sector) -> UIString {
        switch sector {
        case .agency: .sectorAgency
        case .publicService: .sectorPublicService
        case .enterprise: .sectorEnterprise
        }
    }

    /// The name of a kind of meeting (`meeting_regular`).
    static func label(_ kind: MeetingKind) -> UIString {
        switch kind {
        case .regular: .meetingRegular
        case .thematic: .meetingThematic
        }
    }

    /// A finding's short label (`code_overrated`).
    static func findingLabel(_ code: FindingCode) -> UIString {
        switch code {
        case .overrated: .codeOverrated
        case .underrated: .codeUnderrated
        case .missingPoliticalStudy: .codeMissingPoliticalStudy
        case .missingCurrentAffairs: .codeMissingCurrentAffairs
        case .lowSpeakingRate: .codeLowSpeakingRate
        case .lowAttendance: .codeLowAttendance
        case .noSupervisor: .codeNoSupervisor
        case .missingRegularMeeting: .codeMissingRegularMeeting
        case .missingThematicMeeting: .codeMissingThematicMeeting
        }
    }

    /// A finding's message, with its placeholders (`finding_overrated`).
    static func findingMessage(_ code: FindingCode) -> UIString {
        switch code {
        case .overrated: .findingOverrated
        case .underrated: .findingUnderrated
        case .missingPoliticalStudy: .findingMissingPoliticalStudy
        case .missingCurrentAffairs: .findingMissingCurrentAffairs
        case .lowSpeakingRate: .findingLowSpeakingRate
        case .lowAttendance: .findingLowAttendance
        case .noSupervisor: .findingNoSupervisor
        case .missingRegularMeeting: .findingMissingRegularMeeting
        case .missingThematicMeeting: .findingMissingThematicMeeting
        }
    }

    /// A plan finding's message (`plan_committee_plan_missing`).
    static func planFinding(_ code: PlanFindingCode) -> UIString {
        switch code {
        case .committeePlanMissing: .planCommitteePlanMissing
        case .committeePlanExcess: .planCommitteePlanExcess
        case .committeePlanKinds: .planCommitteePlanKinds
        case .hostOutsideCommittee: .planHostOutsideCommittee
        case .scheduleConflict: .planScheduleConflict
        }
    }

    /// The branches a bloc sample meeting is for, in the letter (`letter_audience_all`).
    static func audience(_ level: Audience.Level) -> UIString {
        switch level {
        case .grassroots: .letterAudienceGrassroots
        case .subordinate: .letterAudienceSubordinate
        case .all: .letterAudienceAll
        }
    }

    /// The lines of the record workbook's instructions sheet, in order; `{rubric}` and `{kind}` are filled in.
    static let recordHelp: [UIString] = [
        .recordHelp1, .recordHelp2, .recordHelp3, .recordHelp4, .recordHelp5, .recordHelp6, .recordHelp7,
    ]
}
