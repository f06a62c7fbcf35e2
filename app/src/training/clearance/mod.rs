//! Cleared for work (未经培训合格不得上岗): who may work and why not, moves (转岗, 复岗),
//! certificates, the training file, the 三级教育卡 and the dashboards.
