"""theodoi: theo dõi, đôn đốc, kiểm tra, đánh giá việc thực hiện kế hoạch."""
